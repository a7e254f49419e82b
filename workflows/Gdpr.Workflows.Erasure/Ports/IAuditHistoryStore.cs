using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>One page of audit events. <see cref="ContinuationToken"/> is opaque and null on the last page.</summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEvent> Items, string? ContinuationToken);

/// <summary>
/// The audit trail across requests, for officers and auditors: everything recorded about one subject, and
/// everything recorded on given days (optionally for one system). Served by indexes (DynamoDB: the Audit
/// table's BySubjectHash, ByDay and BySystem GSIs), never by scanning.
/// </summary>
/// <remarks>
/// Order is by <see cref="AuditEvent.OccurredAt"/>, then request id (ordinal), then sequence: total, so pages
/// never repeat or skip an event. Paging follows <see cref="IRequestStore"/>: <c>pageSize</c> 1..<see cref="MaxPageSize"/>,
/// a page may hold fewer events than asked even when more follow, and a token from one query is refused by
/// another with <see cref="InvalidContinuationTokenException"/>.
/// </remarks>
public interface IAuditHistoryStore
{
    public const int MaxPageSize = 1000;

    /// <summary>The longest day range one query may span (DynamoDB queries the ByDay index once per day).</summary>
    public const int MaxDays = 366;

    /// <summary>Events whose <see cref="AuditEvent.SubjectHash"/> is <paramref name="subjectHash"/> (64 lowercase hex).</summary>
    Task<AuditEventPage> QueryBySubjectHashAsync(string subjectHash, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Events that occurred on the UTC days <paramref name="firstDay"/> to <paramref name="lastDay"/> inclusive (at most
    /// <see cref="MaxDays"/> days), only those of <paramref name="system"/> when it is given.
    /// </summary>
    Task<AuditEventPage> QueryByDaysAsync(DateOnly firstDay, DateOnly lastDay, string? system, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default);
}
