using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>How a conditional append ended.</summary>
public enum AuditAppendStatus
{
    Appended,

    /// <summary>Another writer took the sequence number first; re-read the head and try again.</summary>
    SequenceConflict,

    /// <summary>An event with the same idempotency key exists already; it is returned in <see cref="AuditAppendResult.Existing"/>.</summary>
    DuplicateIdempotencyKey,
}

/// <summary>The outcome of <see cref="IAuditLedgerStore.TryAppendAsync"/>.</summary>
public sealed record AuditAppendResult(AuditAppendStatus Status, AuditEvent? Existing = null)
{
    public static AuditAppendResult Appended { get; } = new(AuditAppendStatus.Appended);

    public static AuditAppendResult SequenceConflict { get; } = new(AuditAppendStatus.SequenceConflict);

    public static AuditAppendResult DuplicateIdempotencyKey(AuditEvent existing) =>
        new(AuditAppendStatus.DuplicateIdempotencyKey, existing);
}

/// <summary>
/// Append-only storage of audit events, per request, in sequence order. Events are never updated
/// or deleted through this port.
/// </summary>
public interface IAuditLedgerStore
{
    /// <summary>
    /// Appends the event only if its <see cref="AuditEvent.Sequence"/> is exactly the request's next
    /// sequence (last + 1) and its idempotency key, if any, is unused for the request, both checked
    /// atomically with the write (DynamoDB: a transaction of conditional puts). A taken sequence is a
    /// <see cref="AuditAppendStatus.SequenceConflict"/>; a sequence beyond the next one would leave a
    /// gap and throws <see cref="InvalidOperationException"/>.
    /// </summary>
    Task<AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);

    /// <summary>The event with the highest sequence; null when the request has none. Strongly consistent.</summary>
    Task<AuditEvent?> GetLastAsync(string requestId, CancellationToken cancellationToken = default);

    Task<AuditEvent?> FindByIdempotencyKeyAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Every event of the request as stored, by ascending sequence.</summary>
    Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string requestId, CancellationToken cancellationToken = default);
}
