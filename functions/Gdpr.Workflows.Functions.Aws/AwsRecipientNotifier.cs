using System.Text.Json.Nodes;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// Art. 19 notices on AWS. The message is <c>{kind: "Art19ErasureNotice", requestId, system, recipient: {name, method,
/// address}, identifiers: [{kind, value}], idempotencyKey}</c>: the recipient's copy, so it holds the identifiers. By the
/// recipient's registry entry:
/// <list type="bullet">
/// <item><c>method: api</c>, <c>address: arn:aws:sns:...</c>: published to the recipient's own SNS topic (in any account
/// whose topic policy lets this function's role publish; template.yaml grants topics named <c>gdpr-art19-*</c>).</item>
/// <item><c>method: api</c>, <c>address: secret:&lt;name&gt;</c>: POSTed to the webhook in the Secrets Manager secret
/// <c>&lt;RECIPIENT_SECRETS_PREFIX&gt;&lt;name&gt;</c> (url and headers, as <see cref="EndpointSecret"/>), with an
/// <c>Idempotency-Key</c>; an answer <c>{"status": "acknowledged"}</c> counts as the recipient's confirmation.</item>
/// <item><c>method: email</c> or <c>post</c>: published to the stack's RecipientNoticesTopic (KMS-encrypted) with message
/// attributes <c>method</c> and <c>system</c>, for the mail integration subscribed there to send.</item>
/// </list>
/// FIFO topics (<c>.fifo</c>) get the idempotency key as deduplication id, so a retried notice is delivered once.
/// </summary>
public sealed class AwsRecipientNotifier(SnsClient sns, string noticesTopicArn, EndpointSecrets secrets, string recipientSecretPrefix, HttpClient http)
    : IRecipientNotifier
{
    public const string NoticeKind = "Art19ErasureNotice";
    public const string SecretAddressPrefix = "secret:";
    private static readonly TimeSpan WebhookTimeout = TimeSpan.FromSeconds(20);

    public async Task<RecipientDelivery> NotifyAsync(RecipientNotice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var recipient = notice.Recipient;
        var message = Message(notice);
        switch (recipient.Method)
        {
            case RecipientMethod.Api when recipient.Address is { } address && IsSnsTopicArn(address):
                await PublishAsync(address, message, notice, attributes: null, cancellationToken);
                return RecipientDelivery.Sent;
            case RecipientMethod.Api when recipient.Address is { } address && address.StartsWith(SecretAddressPrefix, StringComparison.Ordinal):
                var answer = await EndpointCall.PostAsync(
                    http, secrets, recipientSecretPrefix + address[SecretAddressPrefix.Length..], message, notice.IdempotencyKey, WebhookTimeout, cancellationToken);
                return answer["status"] is JsonValue status && status.TryGetValue<string>(out var text) && text == "acknowledged"
                    ? RecipientDelivery.Acknowledged
                    : RecipientDelivery.Sent;
            case RecipientMethod.Api:
                throw new InvalidOperationException(
                    $"Recipient '{recipient.Name}' of system '{notice.System}' has method api but its address is neither an SNS topic ARN nor {SecretAddressPrefix}<name>.");
            case RecipientMethod.Email or RecipientMethod.Post:
                var methodName = recipient.Method == RecipientMethod.Email ? "email" : "post";
                await PublishAsync(noticesTopicArn, message, notice, new(StringComparer.Ordinal)
                {
                    ["method"] = SnsMessageAttribute.FromString(methodName),
                    ["system"] = SnsMessageAttribute.FromString(notice.System),
                }, cancellationToken);
                return RecipientDelivery.Sent;
            default:
                throw new ArgumentException($"Recipient '{recipient.Name}' cannot be told (method none); the service never sends it a notice.", nameof(notice));
        }
    }

    private static bool IsSnsTopicArn(string address) =>
        address.StartsWith("arn:", StringComparison.Ordinal) && address.Split(':') is { Length: 6 } parts && parts[2] == "sns";

    private static JsonObject Message(RecipientNotice notice)
    {
        var recipient = notice.Recipient;
        return new JsonObject
        {
            ["kind"] = NoticeKind,
            ["requestId"] = notice.RequestId,
            ["system"] = notice.System,
            ["recipient"] = new JsonObject
            {
                ["name"] = recipient.Name,
                ["method"] = recipient.Method.ToString().ToLowerInvariant(),
                ["address"] = recipient.Address,
            },
            ["identifiers"] = EndpointCall.Identifiers(notice.Subject),
            ["idempotencyKey"] = notice.IdempotencyKey,
        };
    }

    private async Task PublishAsync(
        string topicArn, JsonObject message, RecipientNotice notice, Dictionary<string, SnsMessageAttribute>? attributes, CancellationToken cancellationToken)
    {
        var fifo = topicArn.EndsWith(".fifo", StringComparison.Ordinal);
        try
        {
            await sns.PublishAsync(new SnsPublishRequest
            {
                TopicArn = topicArn,
                Message = message.ToJsonString(),
                MessageAttributes = attributes,
                MessageGroupId = fifo ? notice.RequestId : null,
                MessageDeduplicationId = fifo ? notice.IdempotencyKey.Replace(':', '-') : null,
            }, cancellationToken);
        }
        catch (AwsServiceException e) when (e.IsTransient)
        {
            throw new TransientConnectorException($"SNS is temporarily unavailable ({e.ErrorCode}).", e);
        }
        catch (AwsServiceException e)
        {
            throw new InvalidOperationException($"SNS refused the notice for recipient '{notice.Recipient.Name}' ({e.ErrorCode}).", e);
        }
    }
}
