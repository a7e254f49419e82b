using System.Text.Json.Nodes;
using Gdpr.Workflows.Conformance.Core;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Integrations.Messaging;
using Gdpr.Workflows.Engine.Tests.Conformance;
using static Gdpr.Workflows.Engine.Tests.Integrations.Messaging.MessagingTestSupport;

namespace Gdpr.Workflows.Engine.Tests.Integrations.Messaging;

public class SqsSendMessageIntegrationTests
{
    private const string SendMessage = "arn:aws:states:::sqs:sendMessage";

    private readonly LocalQueueRegistry queues = new(EngineCaseExecutor.Region, RecorderNormalizer.RecordedAccountId);
    private readonly SqsSendMessageIntegration integration;

    public SqsSendMessageIntegrationTests() => integration = new SqsSendMessageIntegration(queues);

    [Theory]
    [InlineData(SendMessage, true)]
    [InlineData("arn:aws:states:::sqs:sendMessage.waitForTaskToken", false)]
    [InlineData("arn:aws:states:::sns:publish", false)]
    public void CanHandle_Resource_ServesOnlySqsSendMessage(string resource, bool expected)
    {
        integration.CanHandle(resource).Should().Be(expected);
    }

    [CorpusFact]
    public async Task InvokeAsync_SendMessage_ReturnsTheRecordedResponseShape()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "local_mocking/test_base_scenarios.py::TestBaseScenarios::test_sqs_send_message");
        queues.CreateQueue("erasure-work", url: "sqs-queue-url");

        var result = await integration.InvokeAsync(Task(SendMessage, testCase.Input), CancellationToken.None);

        Comparer.Compare(testCase, Succeeded(result)).Difference.Should().BeNull();
        result!["MD5OfMessageBody"]!.GetValue<string>().Should().Be("3caa9a099bc4e58ae7923f68c5d7d081");
        result["SdkHttpMetadata"]!["HttpHeaders"]!["Content-Length"]!.GetValue<string>().Should().Be("106");
    }

    [CorpusFact]
    public async Task InvokeAsync_WithAttributes_ReturnsTheirMd5AsRecorded()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceSqs::test_send_message_attributes");
        var queue = queues.CreateQueue("erasure-work");
        var parameters = new JsonObject
        {
            ["QueueUrl"] = queue.Url,
            ["MessageBody"] = testCase.Input!["Message"]!.DeepClone(),
            ["MessageAttributes"] = new JsonObject
            {
                ["my_attribute_no_1"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "Hello" },
                ["my_attribute_no_2"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "World" },
            },
        };

        var result = await integration.InvokeAsync(Task(SendMessage, parameters), CancellationToken.None);

        Comparer.Compare(testCase, Succeeded(result)).Difference.Should().BeNull();
        result!["MD5OfMessageAttributes"]!.GetValue<string>().Should().Be("7a2370fb1a1bb683e7d1ed61e44ffe02");
        result["SdkHttpMetadata"]!["HttpHeaders"]!["Content-Length"]!.GetValue<string>().Should().Be("166");
    }

    [CorpusFact]
    public async Task InvokeAsync_NoBody_FailsAsRecorded()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceSqs::test_send_message_empty_body");
        var queue = queues.CreateQueue("erasure-work");

        var failure = await CatchFailure(() => integration.InvokeAsync(
            Task(SendMessage, new JsonObject { ["QueueUrl"] = queue.Url, ["MessageBody"] = null }),
            CancellationToken.None));

        // The machine catches SQS.AmazonSQSException into $.aws_error, and the Catch's output is the error itself.
        var caught = new JsonObject { ["Error"] = failure.Error, ["Cause"] = failure.Cause };
        caught["aws_error"] = caught.DeepClone();
        Comparer.Compare(testCase, Succeeded(caught)).Difference.Should().BeNull();
        queue.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task InvokeAsync_UnknownQueue_FailsWithQueueDoesNotExist()
    {
        var failure = await CatchFailure(() => integration.InvokeAsync(
            Task(SendMessage, new JsonObject { ["QueueUrl"] = "https://sqs.us-east-1.amazonaws.com/111111111111/gone", ["MessageBody"] = "x" }),
            CancellationToken.None));

        failure.Error.Should().Be("SQS.QueueDoesNotExistException");
        failure.Cause.Should().StartWith("The specified queue does not exist. (Service: AmazonSQS; Status Code: 400;");
    }

    [Fact]
    public async Task InvokeAsync_ObjectBody_IsSentAsJsonTextAndKept()
    {
        var queue = queues.CreateQueue("erasure-work");

        var result = await integration.InvokeAsync(
            Task(SendMessage, new JsonObject { ["QueueUrl"] = queue.Url, ["MessageBody"] = new JsonObject { ["TaskToken"] = "tok-1" }, ["DelaySeconds"] = 5 }),
            CancellationToken.None);

        var message = queue.Messages.Should().ContainSingle().Subject;
        message.Body.Should().Be("{\"TaskToken\":\"tok-1\"}");
        message.DelaySeconds.Should().Be(5);
        message.MessageId.Should().Be(result!["MessageId"]!.GetValue<string>());
        result.AsObject().ContainsKey("MD5OfMessageAttributes").Should().BeFalse();
    }

    [Fact]
    public async Task InvokeAsync_FifoQueue_NeedsAGroupAndReturnsASequenceNumber()
    {
        var queue = queues.CreateQueue("erasure-work.fifo");

        var missingGroup = await CatchFailure(() => integration.InvokeAsync(
            Task(SendMessage, new JsonObject { ["QueueUrl"] = queue.Url, ["MessageBody"] = "x" }),
            CancellationToken.None));
        var result = await integration.InvokeAsync(
            Task(SendMessage, new JsonObject { ["QueueUrl"] = queue.Url, ["MessageBody"] = "x", ["MessageGroupId"] = "g" }),
            CancellationToken.None);

        missingGroup.Cause.Should().StartWith("The request must contain the parameter MessageGroupId.");
        result!["SequenceNumber"]!.GetValue<string>().Should().Be("00000000000000000001");
    }

    [Fact]
    public async Task InvokeAsync_WaitForTaskToken_DeliversTheTokenToSubscribers()
    {
        var queue = queues.CreateQueue("approvals");
        var delivered = new TaskCompletionSource<LocalQueueMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = queue.Subscribe((message, _) =>
        {
            delivered.TrySetResult(message);
            return System.Threading.Tasks.Task.CompletedTask;
        });
        var parameters = new JsonObject { ["QueueUrl"] = queue.Url, ["MessageBody"] = new JsonObject { ["TaskToken"] = "tok-3" } };

        await integration.InvokeAsync(Task(SendMessage, parameters, pattern: IntegrationPattern.WaitForTaskToken), CancellationToken.None);

        var message = await Within(delivered.Task);
        JsonNode.Parse(message.Body)!["TaskToken"]!.GetValue<string>().Should().Be("tok-3");
    }

    [Fact]
    public async Task InvokeAsync_SameIdempotencyKeyAgain_SendsOnce()
    {
        var queue = queues.CreateQueue("erasure-work");
        var parameters = new JsonObject { ["QueueUrl"] = queue.Url, ["MessageBody"] = "x" };

        var first = await integration.InvokeAsync(Task(SendMessage, parameters), CancellationToken.None);
        var again = await integration.InvokeAsync(Task(SendMessage, parameters), CancellationToken.None);

        queue.Messages.Should().ContainSingle();
        again!["MessageId"]!.GetValue<string>().Should().Be(first!["MessageId"]!.GetValue<string>());
    }

    [Fact]
    public void TryGetQueue_UrlWithAnotherHost_FindsTheQueueByPath()
    {
        var queue = queues.CreateQueue("erasure-work");

        queue.Url.Should().Be("https://sqs.us-east-1.amazonaws.com/111111111111/erasure-work");
        queues.TryGetQueue("https://queue.amazonaws.com/111111111111/erasure-work", out var found).Should().BeTrue();
        found.Should().BeSameAs(queue);
        queues.TryGetQueue("https://queue.amazonaws.com/111111111111/other", out _).Should().BeFalse();
    }

    private static async Task<TaskFailedException> CatchFailure(Func<Task<JsonNode?>> invoke) =>
        (await FluentActions.Awaiting(invoke).Should().ThrowAsync<TaskFailedException>()).Which;
}
