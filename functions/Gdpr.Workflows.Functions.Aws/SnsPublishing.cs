using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// One publish to a topic for the notifiers: a throttled or unavailable SNS becomes the domain's transient error, which
/// the state machine retries with backoff; anything else stays permanent.
/// </summary>
internal static class SnsPublishing
{
    public static async Task PublishAsync(SnsClient client, SnsPublishRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await client.PublishAsync(request, cancellationToken);
        }
        catch (AwsServiceException e) when (e.IsTransient)
        {
            throw new TransientErasureException($"SNS is temporarily unavailable ({e.ErrorCode}).", e);
        }
    }
}
