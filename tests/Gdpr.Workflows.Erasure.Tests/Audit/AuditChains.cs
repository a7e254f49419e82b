using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Tests.Audit;

/// <summary>Builds valid chains and tampered copies of their events for the audit tests.</summary>
internal static class AuditChains
{
    public static readonly DateTimeOffset Start = new(2025, 1, 31, 9, 30, 0, TimeSpan.Zero);

    public static List<AuditEvent> Build(int count, string requestId = "req-1")
    {
        var events = new List<AuditEvent>();
        var previous = AuditEvent.GenesisHash;
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var draft = new AuditEventDraft(AuditEventType.SystemErased, "erasure-worker")
            {
                System = $"system-{sequence}",
                Details = new Dictionary<string, string> { ["rows"] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
            var next = AuditEvent.CreateChained(requestId, sequence, Start.AddSeconds(sequence), draft, previous);
            events.Add(next);
            previous = next.Hash;
        }

        return events;
    }

    public static AuditEventDraft DraftOf(AuditEvent e) => new(e.Type, e.Actor)
    {
        System = e.System,
        SubjectHash = e.SubjectHash,
        Details = e.Details,
        IdempotencyKey = e.IdempotencyKey,
    };

    /// <summary>A copy with some fields changed and the stored hash kept as it was (unless given).</summary>
    public static AuditEvent Copy(
        AuditEvent e,
        string? requestId = null,
        long? sequence = null,
        string? actor = null,
        IReadOnlyDictionary<string, string>? details = null,
        string? previousHash = null,
        string? hash = null) =>
        new(requestId ?? e.RequestId, sequence ?? e.Sequence, e.OccurredAt, e.Type, actor ?? e.Actor, e.System, e.SubjectHash,
            details ?? e.Details, e.IdempotencyKey, previousHash ?? e.PreviousHash, hash ?? e.Hash);

    /// <summary>The event with its hash recomputed, as a forger who knows the format would do.</summary>
    public static AuditEvent Rehash(AuditEvent e) =>
        AuditEvent.CreateChained(e.RequestId, e.Sequence, e.OccurredAt, DraftOf(e), e.PreviousHash);

    /// <summary>A well-formed event that was never part of the chain, hashed correctly.</summary>
    public static AuditEvent Forge(long sequence, string previousHash, string requestId = "req-1") =>
        AuditEvent.CreateChained(requestId, sequence, Start.AddHours(1), new AuditEventDraft(AuditEventType.RequestCompleted, "intruder"), previousHash);
}
