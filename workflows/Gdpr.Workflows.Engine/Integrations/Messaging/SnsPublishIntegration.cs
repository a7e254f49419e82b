using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Integrations.Messaging;

/// <summary>
/// <c>arn:aws:states:::sns:publish</c> (and <c>.waitForTaskToken</c>) against local topics. Parameters are SNS
/// Publish's (<c>TopicArn</c> or <c>TargetArn</c>, <c>Message</c> — JSON other than a string is sent as JSON text —,
/// <c>Subject</c>, <c>MessageAttributes</c>, <c>MessageGroupId</c>, <c>MessageDeduplicationId</c>,
/// <c>MessageStructure</c>); the result is Step Functions' <c>{MessageId, SdkHttpMetadata, SdkResponseMetadata}</c>
/// (plus <c>SequenceNumber</c> for FIFO topics). SNS errors fail the task as <c>SNS.&lt;Exception&gt;</c>.
/// </summary>
public sealed partial class SnsPublishIntegration(ILocalTopicRegistry topics, TimeProvider? timeProvider = null) : ITaskIntegration
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public bool CanHandle(string resource) => Resource().IsMatch(resource);

    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var requestId = AwsServiceResponses.DeterministicUuid("sns-request:" + invocation.IdempotencyKey);
        if (invocation.Pattern == IntegrationPattern.Sync)
        {
            throw new TaskFailedException(ErrorNames.Runtime, "sns:publish does not support the .sync integration pattern.");
        }

        try
        {
            var parameters = invocation.Parameters;
            var topicArn = MessageText.StringParameter(parameters, "TopicArn") ?? MessageText.StringParameter(parameters, "TargetArn");
            if (topicArn is null || !topics.TryGetTopic(topicArn, out var topic))
            {
                throw new LocalServiceException("NotFoundException", "NotFound", 404, "Topic does not exist");
            }

            var message = topic.Publish(
                new LocalPublishRequest(
                    MessageText.Of(parameters?["Message"]) ?? string.Empty,
                    MessageText.StringParameter(parameters, "Subject"),
                    MessageText.StringParameter(parameters, "MessageStructure"),
                    LocalMessageAttribute.ParseAll(parameters?["MessageAttributes"]),
                    MessageText.StringParameter(parameters, "MessageGroupId"),
                    MessageText.StringParameter(parameters, "MessageDeduplicationId")),
                invocation.IdempotencyKey);
            return Task.FromResult<JsonNode?>(Response(message, requestId));
        }
        catch (LocalServiceException e)
        {
            throw new TaskFailedException(
                "SNS." + e.ExceptionName,
                AwsServiceResponses.ErrorCause(e.Message, "AmazonSNS", e.StatusCode, e.ErrorCode, requestId));
        }
    }

    private JsonObject Response(LocalTopicMessage message, string requestId)
    {
        var body = PublishResponseXml(message.MessageId, message.SequenceNumber, requestId);
        var result = new JsonObject
        {
            ["MessageId"] = message.MessageId,
            ["SdkHttpMetadata"] = AwsServiceResponses.HttpMetadata(
                [
                    new("x-amzn-RequestId", requestId),
                    new("connection", "keep-alive"),
                    new("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)),
                    new("Date", AwsServiceResponses.HttpDate(time.GetUtcNow())),
                    new("Content-Type", "text/xml"),
                ],
                200),
            ["SdkResponseMetadata"] = AwsServiceResponses.ResponseMetadata(requestId),
        };
        if (message.SequenceNumber is not null)
        {
            result["SequenceNumber"] = message.SequenceNumber;
        }

        return result;
    }

    /// <summary>The body SNS's query API answers with; only its length shows (Content-Length).</summary>
    private static string PublishResponseXml(string messageId, string? sequenceNumber, string requestId)
    {
        var sequence = sequenceNumber is null ? string.Empty : $"    <SequenceNumber>{sequenceNumber}</SequenceNumber>\n";
        return "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">\n  <PublishResult>\n"
            + $"    <MessageId>{messageId}</MessageId>\n{sequence}  </PublishResult>\n  <ResponseMetadata>\n"
            + $"    <RequestId>{requestId}</RequestId>\n  </ResponseMetadata>\n</PublishResponse>\n";
    }

    [GeneratedRegex("^arn:[^:]+:states:::sns:publish$")]
    private static partial Regex Resource();
}
