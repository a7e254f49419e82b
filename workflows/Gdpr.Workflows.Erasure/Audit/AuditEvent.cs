using System.Collections.Immutable;

namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>
/// One entry of a request's append-only audit ledger. Entries are numbered 1, 2, 3... without gaps
/// per request and hash-chained: <see cref="Hash"/> is SHA-256 over the canonical JSON of every other
/// field, <see cref="PreviousHash"/> included, so editing, removing, inserting or reordering an entry
/// shows (see <see cref="AuditChainVerifier"/>).
/// </summary>
public sealed class AuditEvent
{
    /// <summary>The <see cref="PreviousHash"/> of a request's first event: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Restores a stored event exactly as stored: the hash is taken as given, not recomputed, so a
    /// tampered event stays detectably tampered. New events come from <see cref="CreateChained"/>.
    /// </summary>
    public AuditEvent(
        string requestId,
        long sequence,
        DateTimeOffset occurredAt,
        AuditEventType type,
        string actor,
        string? system,
        string? subjectHash,
        IReadOnlyDictionary<string, string>? details,
        string? idempotencyKey,
        string previousHash,
        string hash)
        : this(requestId, sequence, occurredAt, type, actor, system, subjectHash, details, idempotencyKey, previousHash)
    {
        Hash = AuditFieldRules.ChainHash(hash, nameof(hash));
    }

    private AuditEvent(
        string requestId,
        long sequence,
        DateTimeOffset occurredAt,
        AuditEventType type,
        string actor,
        string? system,
        string? subjectHash,
        IReadOnlyDictionary<string, string>? details,
        string? idempotencyKey,
        string previousHash)
    {
        AuditFieldRules.RequestId(requestId);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        if (type.Name is null)
        {
            throw new ArgumentException("The event type is missing.", nameof(type));
        }

        RequestId = requestId;
        Sequence = sequence;
        OccurredAt = AuditFieldRules.OccurredAt(occurredAt);
        Type = type;
        Actor = AuditFieldRules.Actor(actor);
        System = AuditFieldRules.System(system);
        SubjectHash = AuditFieldRules.SubjectHash(subjectHash);
        Details = AuditFieldRules.Details(details);
        IdempotencyKey = AuditFieldRules.IdempotencyKey(idempotencyKey);
        PreviousHash = AuditFieldRules.ChainHash(previousHash, nameof(previousHash));
        Hash = string.Empty;
    }

    public string RequestId { get; }

    /// <summary>1 for a request's first event, then +1 each, with no gaps.</summary>
    public long Sequence { get; }

    /// <summary>When it was recorded, UTC, whole milliseconds. Order is by sequence, not by time.</summary>
    public DateTimeOffset OccurredAt { get; }

    public AuditEventType Type { get; }

    public string Actor { get; }

    public string? System { get; }

    public string? SubjectHash { get; }

    /// <summary>Sorted by key (ordinal).</summary>
    public ImmutableSortedDictionary<string, string> Details { get; }

    public string? IdempotencyKey { get; }

    /// <summary>The <see cref="Hash"/> of the event before it, or <see cref="GenesisHash"/>.</summary>
    public string PreviousHash { get; }

    /// <summary>Lowercase hex SHA-256 of <see cref="AuditCanonicalJson.Serialize"/> of this event.</summary>
    public string Hash { get; private set; }

    /// <summary>True when <see cref="Hash"/> matches the event's content.</summary>
    public bool HasValidHash => string.Equals(Hash, AuditCanonicalJson.ComputeHash(this), StringComparison.Ordinal);

    /// <summary>Makes the event that follows <paramref name="previousHash"/> at <paramref name="sequence"/>, hash computed.</summary>
    public static AuditEvent CreateChained(string requestId, long sequence, DateTimeOffset occurredAt, AuditEventDraft draft, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var created = new AuditEvent(requestId, sequence, occurredAt, draft.Type, draft.Actor, draft.System,
            draft.SubjectHash, draft.Details, draft.IdempotencyKey, previousHash);
        created.Hash = AuditCanonicalJson.ComputeHash(created);
        return created;
    }

    /// <summary>True when the event records what the draft asks for (time, position and chain aside).</summary>
    public bool Records(AuditEventDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var details = AuditFieldRules.Details(draft.Details);
        return Type == draft.Type
            && string.Equals(Actor, draft.Actor, StringComparison.Ordinal)
            && string.Equals(System, draft.System, StringComparison.Ordinal)
            && string.Equals(SubjectHash, draft.SubjectHash, StringComparison.Ordinal)
            && string.Equals(IdempotencyKey, draft.IdempotencyKey, StringComparison.Ordinal)
            && details.Count == Details.Count
            && details.All(d => Details.TryGetValue(d.Key, out var value) && string.Equals(value, d.Value, StringComparison.Ordinal));
    }

    public override string ToString() => $"{RequestId}#{Sequence} {Type} {Hash[..Math.Min(12, Hash.Length)]}";
}
