using System.Text.Json.Nodes;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// Delivers replies to requesters through the ReplyTopic: <c>{kind: "SubjectReply", requestId, to, subject, text, html,
/// idempotencyKey}</c>; the mail integration subscribed to it sends the email (and drops a repeat by idempotencyKey: a
/// standard topic does not deduplicate). The message holds the requester's address, so, like the Art. 19 notices topic,
/// only that integration may subscribe.
/// </summary>
public sealed class SnsReplyDelivery(SnsClient client, string topicArn) : IReplyDelivery
{
    public async Task DeliverAsync(ReplyMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = new JsonObject
        {
            ["kind"] = "SubjectReply",
            ["requestId"] = message.RequestId,
            ["to"] = message.Address,
            ["subject"] = message.Subject,
            ["text"] = message.Text,
            ["html"] = message.Html,
            ["idempotencyKey"] = message.IdempotencyKey,
        };
        await SnsPublishing.PublishAsync(client, new SnsPublishRequest
        {
            TopicArn = topicArn,
            Message = body.ToJsonString(),
            MessageAttributes = new Dictionary<string, SnsMessageAttribute>(StringComparer.Ordinal)
            {
                ["kind"] = SnsMessageAttribute.FromString("SubjectReply"),
                ["addressed"] = SnsMessageAttribute.FromString(message.Address is null ? "no" : "yes"),
            },
        }, cancellationToken);
    }
}
