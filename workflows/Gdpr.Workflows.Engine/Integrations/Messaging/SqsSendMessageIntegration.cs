using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Integrations.Messaging;

/// <summary>
/// <c>arn:aws:states:::sqs:sendMessage</c> (and <c>.waitForTaskToken</c>) against local queues. Parameters are SQS
/// SendMessage's (<c>QueueUrl</c>, <c>MessageBody</c> — JSON other than a string is sent as JSON text —,
/// <c>MessageAttributes</c>, <c>DelaySeconds</c>, <c>MessageGroupId</c>, <c>MessageDeduplicationId</c>); the result is
/// Step Functions' <c>{MD5OfMessageAttributes?, MD5OfMessageBody, MessageId, SdkHttpMetadata, SdkResponseMetadata}</c>
/// (plus <c>SequenceNumber</c> for FIFO queues). SQS errors fail the task as <c>SQS.&lt;Exception&gt;</c>.
/// </summary>
public sealed partial class SqsSendMessageIntegration(ILocalQueueRegistry queues, TimeProvider? timeProvider = null) : ITaskIntegration
{
    private readonly TimeProvider time = timeProvider ?? TimeProvider.System;

    public bool CanHandle(string resource) => Resource().IsMatch(resource);

    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var requestId = AwsServiceResponses.DeterministicUuid("sqs-request:" + invocation.IdempotencyKey);
        if (invocation.Pattern == IntegrationPattern.Sync)
        {
            throw new TaskFailedException(ErrorNames.Runtime, "sqs:sendMessage does not support the .sync integration pattern.");
        }

        try
        {
            var parameters = invocation.Parameters;
            var body = MessageText.Of(parameters?["MessageBody"])
                ?? throw new LocalServiceException(
                    "AmazonSQSException", "MissingParameter", 400, "The request must contain the parameter MessageBody.");
            var queueUrl = MessageText.StringParameter(parameters, "QueueUrl");
            if (queueUrl is null || !queues.TryGetQueue(queueUrl, out var queue))
            {
                throw new LocalServiceException(
                    "QueueDoesNotExistException",
                    "AWS.SimpleQueueService.NonExistentQueue",
                    400,
                    "The specified queue does not exist.");
            }

            var message = queue.Send(
                new LocalSendMessageRequest(
                    body,
                    LocalMessageAttribute.ParseAll(parameters?["MessageAttributes"]),
                    DelaySecondsOf(parameters),
                    MessageText.StringParameter(parameters, "MessageGroupId"),
                    MessageText.StringParameter(parameters, "MessageDeduplicationId")),
                invocation.IdempotencyKey);
            return Task.FromResult<JsonNode?>(Response(message, requestId));
        }
        catch (LocalServiceException e)
        {
            throw new TaskFailedException(
                "SQS." + e.ExceptionName,
                AwsServiceResponses.ErrorCause(e.Message, "AmazonSQS", e.StatusCode, e.ErrorCode, requestId));
        }
    }

    private JsonObject Response(LocalQueueMessage message, string requestId)
    {
        // SQS's JSON protocol answer, whose length the SDK reports as Content-Length.
        var body = new JsonObject();
        if (message.Md5OfMessageAttributes is not null)
        {
            body["MD5OfMessageAttributes"] = message.Md5OfMessageAttributes;
        }

        body["MD5OfMessageBody"] = message.Md5OfBody;
        body["MessageId"] = message.MessageId;
        if (message.SequenceNumber is not null)
        {
            body["SequenceNumber"] = message.SequenceNumber;
        }

        var contentLength = Json.Text(body).Length;
        var result = new JsonObject();
        foreach (var (name, value) in body)
        {
            if (name != "SequenceNumber")
            {
                result[name] = value?.DeepClone();
            }
        }

        result["SdkHttpMetadata"] = AwsServiceResponses.HttpMetadata(
            [
                new("x-amzn-RequestId", requestId),
                new("connection", "keep-alive"),
                new("Content-Length", contentLength.ToString(CultureInfo.InvariantCulture)),
                new("Date", AwsServiceResponses.HttpDate(time.GetUtcNow())),
                new("Content-Type", "application/x-amz-json-1.0"),
            ],
            200);
        result["SdkResponseMetadata"] = AwsServiceResponses.ResponseMetadata(requestId);
        if (message.SequenceNumber is not null)
        {
            result["SequenceNumber"] = message.SequenceNumber;
        }

        return result;
    }

    private static int DelaySecondsOf(JsonNode? parameters) =>
        parameters is JsonObject fields && fields["DelaySeconds"] is JsonValue v && v.TryGetValue<int>(out var seconds) ? seconds : 0;

    [GeneratedRegex("^arn:[^:]+:states:::sqs:sendMessage$")]
    private static partial Regex Resource();
}
