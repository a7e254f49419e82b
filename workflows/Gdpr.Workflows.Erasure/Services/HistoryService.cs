using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>One audit event as officers see it.</summary>
public sealed record HistoryEntry(long Sequence, DateTimeOffset OccurredAt, string Type, string Actor, string? System, IReadOnlyDictionary<string, string> Details, string Hash);

/// <summary>
/// GET /requests/{id}/history: the audit trail in sequence, and whether its hash chain is intact
/// (<see cref="ChainBreak"/> describes the first break).
/// </summary>
public sealed record RequestHistory(string RequestId, IReadOnlyList<HistoryEntry> Events, bool ChainIntact, string? ChainBreak);

/// <summary>The audit trail of a request (the History function), verified as it is read. Audit events never hold tokens or identifiers.</summary>
public sealed class HistoryService(AuditLedger audit)
{
    /// <exception cref="NotFoundException">The request has no audit trail.</exception>
    public async Task<RequestHistory> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        var events = await audit.ReadAsync(requestId, cancellationToken);
        if (events.Count == 0)
        {
            throw new NotFoundException($"There is no audit trail for request {requestId}.");
        }

        var verification = AuditChainVerifier.Verify(events);
        return new RequestHistory(
            requestId,
            events.Select(e => new HistoryEntry(e.Sequence, e.OccurredAt, e.Type.Name, e.Actor, e.System, e.Details, e.Hash)).ToList(),
            verification.Ok,
            verification.Break?.Description);
    }
}
