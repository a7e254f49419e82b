using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// The head of each request's audit chain (last sequence and hash), anchored in the request's own record by the
/// store in the same transaction as every append. Cutting events off the end of the chain then leaves the anchor
/// pointing past it; removing the anchor as well takes an edit of the request record, which a signed checkpoint catches.
/// </summary>
public interface IAuditAnchorStore
{
    /// <summary>The anchored head; null when the request has no record, or no event was appended while it had one.</summary>
    Task<AuditChainHead?> GetAnchorAsync(string requestId, CancellationToken cancellationToken = default);
}
