using System.Text.Json.Nodes;
using Gdpr.Workflows.Conformance.Core;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Integrations.Messaging;
using Gdpr.Workflows.Engine.Tests.Conformance;
using static Gdpr.Workflows.Engine.Tests.Integrations.Messaging.MessagingTestSupport;

namespace Gdpr.Workflows.Engine.Tests.Integrations.Messaging;

public class SnsPublishIntegrationTests
{
    private const string Publish = "arn:aws:states:::sns:publish";

    private readonly LocalTopicRegistry topics = new(EngineCaseExecutor.Region, RecorderNormalizer.RecordedAccountId);
    private readonly SnsPublishIntegration integration;

    public SnsPublishIntegrationTests() => integration = new SnsPublishIntegration(topics);

    [Theory]
    [InlineData(Publish, true)]
    [InlineData("arn:aws-cn:states:::sns:publish", true)]
    [InlineData("arn:aws:states:::sns:publish.waitForTaskToken", false)]
    [InlineData("arn:aws:states:::sqs:sendMessage", false)]
    public void CanHandle_Resource_ServesOnlySnsPublish(string resource, bool expected)
    {
        integration.CanHandle(resource).Should().Be(expected);
    }

    [CorpusFact]
    public async Task InvokeAsync_Publish_ReturnsTheRecordedResponseShape()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "local_mocking/test_base_scenarios.py::TestBaseScenarios::test_sns_publish_base");
        var topic = topics.CreateTopic("erasure-events");
        var parameters = testCase.Input!.DeepClone().AsObject();
        parameters["TopicArn"] = topic.Arn;

        var result = await integration.InvokeAsync(Task(Publish, parameters), CancellationToken.None);

        Comparer.Compare(testCase, Succeeded(result)).Difference.Should().BeNull();
        result!["SdkHttpMetadata"]!["HttpHeaders"]!["Content-Length"]!.GetValue<string>().Should().Be("294");
    }

    [Fact]
    public async Task InvokeAsync_Publish_KeepsTheMessageWithItsIdAndJsonText()
    {
        var topic = topics.CreateTopic("erasure-events");
        var parameters = new JsonObject
        {
            ["TopicArn"] = topic.Arn,
            ["Message"] = new JsonObject { ["requestId"] = "r-1", ["count"] = 2 },
            ["Subject"] = "erased",
            ["MessageAttributes"] = new JsonObject { ["kind"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "erasure" } },
        };

        var result = await integration.InvokeAsync(Task(Publish, parameters), CancellationToken.None);

        var message = topic.Messages.Should().ContainSingle().Subject;
        message.MessageId.Should().Be(result!["MessageId"]!.GetValue<string>());
        message.Message.Should().Be("{\"requestId\":\"r-1\",\"count\":2}");
        message.Subject.Should().Be("erased");
        message.MessageAttributes["kind"].StringValue.Should().Be("erasure");
        message.SequenceNumber.Should().BeNull();
    }

    [CorpusFact]
    public async Task InvokeAsync_FifoTopic_ReturnsASequenceNumberAsRecorded()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceSns::test_fifo_message_attribute[input_params1-False]");
        var topic = topics.CreateTopic("erasure-events.fifo");
        var parameters = testCase.Input!.DeepClone().AsObject();
        parameters["TopicArn"] = topic.Arn;

        var result = await integration.InvokeAsync(Task(Publish, parameters), CancellationToken.None);

        Comparer.Compare(testCase, Succeeded(result)).Difference.Should().BeNull();
        result!["SdkHttpMetadata"]!["HttpHeaders"]!["Content-Length"]!.GetValue<string>().Should().Be("352");
        result["SequenceNumber"]!.GetValue<string>().Should().Be("00000000000000000001");
    }

    [CorpusFact]
    public async Task InvokeAsync_FifoTopicWithoutGroup_FailsAsRecorded()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceSns::test_fifo_message_attribute[input_params0-True]");
        var topic = topics.CreateTopic("erasure-events.fifo");
        var parameters = testCase.Input!.DeepClone().AsObject();
        parameters["TopicArn"] = topic.Arn;

        var failure = await CatchFailure(() => integration.InvokeAsync(Task(Publish, parameters), CancellationToken.None));

        var comparison = Comparer.Compare(testCase, new CaseOutcome("FAILED", null, failure.Error, failure.Cause));
        comparison.Difference.Should().BeNull();
        comparison.CauseDifference.Should().BeNull();
    }

    [CorpusFact]
    public async Task InvokeAsync_UnknownTopic_FailsAsRecorded()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskServiceSns::test_publish_base_error_topic_arn");
        var parameters = new JsonObject { ["TopicArn"] = "arn:aws:sns:us-east-1:111111111111:gone", ["Message"] = "hi" };

        var failure = await CatchFailure(() => integration.InvokeAsync(Task(Publish, parameters), CancellationToken.None));

        var comparison = Comparer.Compare(testCase, new CaseOutcome("FAILED", null, failure.Error, failure.Cause));
        comparison.Difference.Should().BeNull();
        comparison.CauseDifference.Should().BeNull();
    }

    [Fact]
    public async Task InvokeAsync_NoMessage_FailsWithInvalidParameter()
    {
        var topic = topics.CreateTopic("erasure-events");

        var failure = await CatchFailure(() =>
            integration.InvokeAsync(Task(Publish, new JsonObject { ["TopicArn"] = topic.Arn }), CancellationToken.None));

        failure.Error.Should().Be("SNS.InvalidParameterException");
        topic.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task InvokeAsync_SameIdempotencyKeyAgain_PublishesOnceWithTheSameMessageId()
    {
        var topic = topics.CreateTopic("erasure-events");
        var parameters = new JsonObject { ["TopicArn"] = topic.Arn, ["Message"] = "hi" };

        var first = await integration.InvokeAsync(Task(Publish, parameters, key: "exec/Notify/0"), CancellationToken.None);
        var again = await integration.InvokeAsync(Task(Publish, parameters, key: "exec/Notify/0"), CancellationToken.None);
        var retry = await integration.InvokeAsync(Task(Publish, parameters, key: "exec/Notify/1"), CancellationToken.None);

        topic.Messages.Should().HaveCount(2);
        again!["MessageId"]!.GetValue<string>().Should().Be(first!["MessageId"]!.GetValue<string>());
        retry!["MessageId"]!.GetValue<string>().Should().NotBe(first["MessageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task InvokeAsync_WaitForTaskToken_DeliversTheTokenToSubscribers()
    {
        var topic = topics.CreateTopic("approvals");
        var delivered = new TaskCompletionSource<LocalTopicMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = topic.Subscribe((message, _) =>
        {
            delivered.TrySetResult(message);
            return System.Threading.Tasks.Task.CompletedTask;
        });
        var parameters = new JsonObject { ["TopicArn"] = topic.Arn, ["Message"] = new JsonObject { ["TaskToken"] = "tok-9" } };

        await integration.InvokeAsync(Task(Publish, parameters, pattern: IntegrationPattern.WaitForTaskToken), CancellationToken.None);

        var message = await Within(delivered.Task);
        JsonNode.Parse(message.Message)!["TaskToken"]!.GetValue<string>().Should().Be("tok-9");
    }

    [Fact]
    public async Task Publish_SubscriberThrows_PublisherSucceedsAndTheErrorIsKept()
    {
        var topic = topics.CreateTopic("erasure-events");
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = topic.Subscribe((_, _) =>
        {
            failed.SetResult();
            throw new InvalidOperationException("subscriber broke");
        });

        topic.Publish(new LocalPublishRequest("hi"));
        await failed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await WaitUntil(() => topic.SubscriberFailures.Count > 0);

        topic.Messages.Should().ContainSingle();
        topic.SubscriberFailures.Should().ContainSingle().Which.Message.Should().Be("subscriber broke");
    }

    [Fact]
    public async Task Subscribe_Disposed_ReceivesNoLaterMessages()
    {
        var topic = topics.CreateTopic("erasure-events");
        var received = 0;
        var subscription = topic.Subscribe((_, _) =>
        {
            Interlocked.Increment(ref received);
            return System.Threading.Tasks.Task.CompletedTask;
        });
        subscription.Dispose();

        topic.Publish(new LocalPublishRequest("hi"));
        await System.Threading.Tasks.Task.Delay(50);

        received.Should().Be(0);
    }

    [Fact]
    public void CreateTopic_SameNameTwice_ReturnsTheSameTopic()
    {
        var first = topics.CreateTopic("erasure-events");

        topics.CreateTopic("erasure-events").Should().BeSameAs(first);
        first.Arn.Should().Be("arn:aws:sns:us-east-1:111111111111:erasure-events");
        topics.TryGetTopic(first.Arn, out var found).Should().BeTrue();
        found.Should().BeSameAs(first);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await System.Threading.Tasks.Task.Delay(5, timeout.Token);
        }
    }

    private static async Task<TaskFailedException> CatchFailure(Func<Task<JsonNode?>> invoke) =>
        (await FluentActions.Awaiting(invoke).Should().ThrowAsync<TaskFailedException>()).Which;
}
