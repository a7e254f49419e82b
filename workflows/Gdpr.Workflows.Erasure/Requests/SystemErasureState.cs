namespace Gdpr.Workflows.Erasure.Requests;

/// <summary>Where erasing the subject in one system stands.</summary>
public enum SystemErasureStatus
{
    /// <summary>In scope, not asked yet.</summary>
    Pending,

    /// <summary>Asked (a sync connector call is under way).</summary>
    Dispatched,

    /// <summary>An async system was sent a task and its answer is awaited.</summary>
    AwaitingCallback,

    /// <summary>The system erased (or irreversibly anonymised) the subject's data.</summary>
    Erased,

    /// <summary>The system held no data about the subject.</summary>
    NotFound,

    /// <summary>The system keeps some data under an Art. 17(3) ground until <see cref="SystemErasureState.RetainUntil"/>; the rest was erased or minimised.</summary>
    Retained,

    /// <summary>Erasing failed or the system did not answer; <see cref="SystemErasureState.LastError"/> has the error name.</summary>
    Failed,

    /// <summary>Not attempted: the request ended (cancelled, rejected) before the system was erased.</summary>
    Skipped,

    /// <summary>Erased from live data; backup copies are beyond use until <see cref="SystemErasureState.RetainUntil"/>, when they expire.</summary>
    BeyondUse,
}

/// <summary>The Art. 19 outcome of telling a system's recipients about the erasure.</summary>
public enum RecipientNotificationStatus
{
    Sent,
    Acknowledged,

    /// <summary>Impossible or disproportionate (Art. 19); the reason says why.</summary>
    Impossible,

    /// <summary>Notifying failed; the reason is the error name, and the reminder chases it.</summary>
    Failed,
}

/// <summary>
/// The Art. 19 notification of one system's recipients. <see cref="Reason"/> is a short code or error name;
/// <see cref="Recipients"/> has each recipient by name with its own status and reason.
/// </summary>
public sealed record RecipientsNotification(RecipientNotificationStatus Status, string? Reason, int RecipientCount)
{
    /// <summary>Each recipient (an organisation named in the registry, never a data subject), in registry order.</summary>
    public IReadOnlyList<RecipientResult> Recipients { get; init; } = [];

    /// <summary>Equal when the status, reason, count and every recipient are (the list by its items, not its reference).</summary>
    public bool Equals(RecipientsNotification? other) =>
        other is not null && Status == other.Status && Reason == other.Reason && RecipientCount == other.RecipientCount
        && Recipients.SequenceEqual(other.Recipients);

    public override int GetHashCode() => HashCode.Combine(Status, Reason, RecipientCount, Recipients.Count);
}

/// <summary>One Art. 19 recipient's outcome: told (sent, acknowledged), impossible (its registry reason) or failed (an error name).</summary>
public sealed record RecipientResult(string Name, RecipientNotificationStatus Status, string? Reason);

/// <summary>
/// One system's part of an erasure request. Holds ids, outcomes and error names only: <see cref="Receipt"/> is
/// the system's own reference for the erasure, <see cref="LastError"/> an error name such as
/// "Erasure.TransientError", never a message that could quote personal data.
/// </summary>
public sealed record SystemErasureState(string System, SystemErasureStatus Status)
{
    /// <summary>How many outcomes (erased, failed, no answer) were recorded for the system, across executions.</summary>
    public int Attempts { get; init; }

    public string? Receipt { get; init; }

    /// <summary>Set when <see cref="Status"/> is <see cref="SystemErasureStatus.Retained"/>.</summary>
    public RetentionGround? RetentionGround { get; init; }

    /// <summary>The day until which retained data may be kept; set with <see cref="RetentionGround"/>.</summary>
    public DateOnly? RetainUntil { get; init; }

    public string? LastError { get; init; }

    /// <summary>What a retained or beyond-use answer said is kept (e.g. "invoices", "backups"): a data category, never personal data.</summary>
    public string? RetainedData { get; init; }

    /// <summary>The Art. 19 outcome, once recorded.</summary>
    public RecipientsNotification? Recipients { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>True once the system gave its final answer (erased, not held, retained).</summary>
    public bool IsSettled => Status is SystemErasureStatus.Erased or SystemErasureStatus.NotFound or SystemErasureStatus.Retained or SystemErasureStatus.BeyondUse;
}
