using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>What <see cref="RequestUpdater.UpdateAsync"/> did: the request before and after, and whether it was written.</summary>
internal readonly record struct RequestChange(ErasureRequest Before, ErasureRequest After, bool Changed);

/// <summary>
/// Read-modify-write of one request with optimistic concurrency: the change is applied to the latest version and
/// written only if nobody wrote in between; otherwise it is re-applied to the newer version.
/// </summary>
internal sealed class RequestUpdater(IRequestStore store, TimeProvider timeProvider)
{
    public const int MaxAttempts = 50;

    public async Task<ErasureRequest> GetAsync(string requestId, CancellationToken cancellationToken) =>
        await store.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.Request(requestId);

    /// <summary>
    /// Applies <paramref name="change"/> (null: nothing to change) to the current request and stores the result as the
    /// next version. <paramref name="change"/> may run more than once, so it must only compute.
    /// </summary>
    public async Task<RequestChange> UpdateAsync(string requestId, Func<ErasureRequest, ErasureRequest?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await GetAsync(requestId, cancellationToken);
            if (change(current) is not { } next)
            {
                return new RequestChange(current, current, false);
            }

            next = next with { Version = current.Version + 1, UpdatedAt = timeProvider.GetUtcNow() };
            if (await store.TryReplaceAsync(next, current.Version, cancellationToken))
            {
                return new RequestChange(current, next, true);
            }
        }

        throw new TransientErasureException($"Request {requestId} kept changing under {MaxAttempts} attempts to update it; try again.");
    }
}
