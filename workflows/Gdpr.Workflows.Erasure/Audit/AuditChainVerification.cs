namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>How the chain was found broken.</summary>
public enum AuditChainBreakKind
{
    /// <summary>The event's content no longer matches its hash, or it was re-hashed so its successor's link no longer fits.</summary>
    Altered,

    /// <summary>An event is missing: the sequence has a gap (or stops short of the trusted head).</summary>
    Removed,

    /// <summary>An event that does not belong: the chain links around it, or its sequence number is taken.</summary>
    Inserted,

    /// <summary>A genuine event at the wrong position.</summary>
    Reordered,

    /// <summary>The chain stops short of the head anchored in the request's record or signed in a checkpoint: its tail was cut off.</summary>
    Truncated,

    /// <summary>Every event is gone, though the request's record or a signed checkpoint names a head.</summary>
    Deleted,

    /// <summary>The request went past intake, which always records events, yet has no chain and no anchored head.</summary>
    Missing,

    /// <summary>A checkpoint's signature does not verify: it was forged or edited.</summary>
    Forged,
}

/// <summary>
/// The first place the chain is broken. <see cref="Sequence"/> is the offending event's sequence
/// number (for <see cref="AuditChainBreakKind.Removed"/>, the missing one); <see cref="Event"/> the
/// offending event (for Removed, the event found where the missing one should be, or null at the end);
/// <see cref="Index"/> its position in the verified list.
/// </summary>
public sealed record AuditChainBreak(AuditChainBreakKind Kind, long Sequence, int Index, AuditEvent? Event, string Description);

/// <summary>The result of <see cref="AuditChainVerifier.Verify"/>: Ok, or the first break.</summary>
public sealed record AuditChainVerification(bool Ok, AuditChainBreak? Break, int EventCount)
{
    public static AuditChainVerification Valid(int eventCount) => new(true, null, eventCount);

    public static AuditChainVerification Broken(AuditChainBreak chainBreak, int eventCount) => new(false, chainBreak, eventCount);
}

/// <summary>
/// A head of the chain kept outside the store (published, or held by an auditor). A hash chain alone
/// cannot show that its tail was cut off or its last event re-hashed; checking against a trusted head can.
/// </summary>
public sealed record AuditChainHead
{
    public AuditChainHead(long sequence, string hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        Sequence = sequence;
        Hash = AuditFieldRules.ChainHash(hash, nameof(hash));
    }

    public long Sequence { get; }

    public string Hash { get; }

    public static AuditChainHead Of(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return new AuditChainHead(auditEvent.Sequence, auditEvent.Hash);
    }
}
