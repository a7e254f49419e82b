namespace Gdpr.Workflows.Erasure.Requests;

/// <summary>
/// One GDPR Art. 17 erasure request as stored: a plain, immutable record that stores persist as it is.
/// It never holds a raw identifier of the data subject: only <see cref="SubjectHashes"/> (keyed HMACs, one per
/// identifier); the identifiers themselves are sealed in the subject vault under <see cref="RequestId"/>.
/// </summary>
/// <remarks>
/// Every change goes through <see cref="Ports.IRequestStore.TryReplaceAsync"/> with <see cref="Version"/> + 1
/// (optimistic concurrency). Services build the next version with <c>with { ... }</c>.
/// </remarks>
public sealed record ErasureRequest
{
    /// <summary>Also the workflow execution's name.</summary>
    public required string RequestId { get; init; }

    /// <summary>1 when created, +1 with every stored change.</summary>
    public required long Version { get; init; }

    /// <summary>SHA-256 (hex) of the intake idempotency key: the same submission twice finds this request.</summary>
    public required string IntakeKey { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>How the request arrived: a short code such as "web-form", "email", "portal".</summary>
    public required string Channel { get; init; }

    /// <summary>One keyed hash (64 lowercase hex) per subject identifier, in the order given; at least one.</summary>
    public required IReadOnlyList<string> SubjectHashes { get; init; }

    /// <summary>Whose law and holiday calendar the deadline follows, e.g. "UK".</summary>
    public required string Jurisdiction { get; init; }

    public required IdentityVerification Verification { get; init; }

    public required DeadlineState Deadline { get; init; }

    public required RequestStatus Status { get; init; }

    /// <summary>The workflow execution (ARN) that last recorded its start; null before.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>One entry per system the workflow has reported on, in the order first reported.</summary>
    public IReadOnlyList<SystemErasureState> Systems { get; init; } = [];

    /// <summary>Set once, when the request reaches a final status.</summary>
    public FinalOutcome? Outcome { get; init; }

    /// <summary>
    /// Keys of the ledger events already applied to this record, so a retried event changes nothing
    /// (see the ledger service). Short hex strings; bounded by the number of events.
    /// </summary>
    public IReadOnlyList<string> AppliedEvents { get; init; } = [];

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The Art. 17(1) ground the requester relies on, when recorded (optional: a request need not name one).</summary>
    public ErasureGroundClaim? ClaimedGround { get; init; }

    /// <summary>Set when the request was refused as manifestly unfounded or excessive (Art. 12(5)).</summary>
    public RequestRefusal? Refusal { get; init; }

    /// <summary>True until the request reaches a final status: it belongs in the officers' open queue.</summary>
    public bool IsOpen => !Status.IsFinal();

    /// <summary>The system's entry, or null when nothing was recorded for it yet.</summary>
    public SystemErasureState? FindSystem(string system) =>
        Systems.FirstOrDefault(s => string.Equals(s.System, system, StringComparison.Ordinal));
}
