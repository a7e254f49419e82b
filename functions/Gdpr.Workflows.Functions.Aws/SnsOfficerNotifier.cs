using System.Text.Json.Nodes;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// Tells the officers through the OfficerTopic: <c>{kind, requestId, details}</c> with a <c>kind</c> message attribute for
/// subscription filters. Notices hold ids, counts and codes only. A standard topic does not deduplicate, so a retried
/// call may deliver a notice twice; the services only notify before recording that they did.
/// </summary>
public sealed class SnsOfficerNotifier(SnsClient client, string topicArn) : IOfficerNotifier
{
    public async Task NotifyAsync(OfficerNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var details = new JsonObject();
        foreach (var (name, value) in notice.Details)
        {
            details[name] = value;
        }

        var message = new JsonObject { ["kind"] = notice.Kind, ["requestId"] = notice.RequestId, ["details"] = details };
        await SnsPublishing.PublishAsync(client, new SnsPublishRequest
        {
            TopicArn = topicArn,
            Message = message.ToJsonString(),
            MessageAttributes = new Dictionary<string, SnsMessageAttribute>(StringComparer.Ordinal) { ["kind"] = SnsMessageAttribute.FromString(notice.Kind) },
        }, cancellationToken);
    }
}
