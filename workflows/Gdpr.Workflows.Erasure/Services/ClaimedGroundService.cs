using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// Records the Art. 17(1) ground a requester relies on ((a) to (f), see <see cref="ErasureGround"/>), e.g. right after
/// intake (<c>gdpr submit --ground f</c>). Optional: a request need not name a ground. Recorded once; the same ground again
/// changes nothing, another one is a conflict. Audited as GroundClaimed with the article only.
/// </summary>
public sealed class ClaimedGroundService(IRequestStore requests, AuditLedger audit, TimeProvider timeProvider)
{
    public static readonly AuditEventType GroundClaimed = new(nameof(GroundClaimed));
    private readonly RequestUpdater _requests = new(requests, timeProvider);

    /// <exception cref="InvalidInputException">Not a ground (a to f).</exception>
    public static ErasureGround Parse(string? text) => ErasureGrounds.TryParse(text, out var ground)
        ? ground
        : throw new InvalidInputException("'ground' must be an Art. 17(1) point, a to f (f: data collected from a child for an online service), e.g. \"f\" or \"Art. 17(1)(f)\".");

    public async Task<ErasureGround> RecordAsync(string requestId, string ground, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        officer = SafeText.Actor(officer, "officer");
        var claimed = Parse(ground);
        await _requests.UpdateAsync(requestId, current => current.ClaimedGround switch
        {
            null => current with { ClaimedGround = new ErasureGroundClaim(claimed, timeProvider.GetUtcNow(), officer) },
            { Ground: var same } when same == claimed => null,
            { Ground: var other } => throw new ConflictException($"Request {requestId} already claims {other.Article()}."),
        }, cancellationToken);
        await audit.AppendAsync(requestId, new AuditEventDraft(GroundClaimed, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("ground", requestId),
            Details = new Dictionary<string, string> { ["ground"] = claimed.Article() },
        }, cancellationToken);
        return claimed;
    }
}
