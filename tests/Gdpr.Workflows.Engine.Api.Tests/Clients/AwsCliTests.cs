using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Api.Tests.Support;

namespace Gdpr.Workflows.Engine.Api.Tests.Clients;

/// <summary>The AWS CLI against the real <c>gdpr engine serve</c>, with --endpoint-url: the calls an async system and an operator make.</summary>
public sealed class AwsCliTests(EngineServeProcess serve) : IClassFixture<EngineServeProcess>
{
    private const string Callback = """
        {"StartAt": "Wait", "States": {"Wait": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/callbacks", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}}}
        """;

    private readonly AwsCli aws = new(serve.Url);

    [Fact]
    public async Task EngineServe_DrivenByAwsCli_AnswersTasksStopsListsDescribesAndShowsHistory()
    {
        var machine = (await aws.JsonAsync("create-state-machine", "--name", "cli-callback", "--definition", Callback, "--role-arn", "arn:aws:iam::123456789012:role/cli"))!["stateMachineArn"]!.GetValue<string>();
        var answered = (await aws.JsonAsync("start-execution", "--state-machine-arn", machine, "--name", "answered", "--input", """{"n": 1}"""))!["executionArn"]!.GetValue<string>();
        var stopped = (await aws.JsonAsync("start-execution", "--state-machine-arn", machine, "--name", "stopped"))!["executionArn"]!.GetValue<string>();

        var token = await aws.TokenOfAsync(answered, "MessageBody");
        (await aws.JsonAsync("send-task-success", "--task-token", token, "--task-output", """{"outcome": "erased"}""")).Should().BeNull("send-task-success answers nothing");
        var described = await aws.WaitForEndAsync(answered);
        described["status"]!.GetValue<string>().Should().Be("SUCCEEDED");
        JsonNode.Parse(described["output"]!.GetValue<string>())!["outcome"]!.GetValue<string>().Should().Be("erased");

        _ = await aws.TokenOfAsync(stopped, "MessageBody");
        (await aws.JsonAsync("stop-execution", "--execution-arn", stopped, "--error", "Operator.Cancel", "--cause", "withdrawn"))!["stopDate"].Should().NotBeNull();
        var aborted = (await aws.JsonAsync("describe-execution", "--execution-arn", stopped))!;
        aborted["status"]!.GetValue<string>().Should().Be("ABORTED");
        aborted["error"]!.GetValue<string>().Should().Be("Operator.Cancel");

        var listed = (await aws.JsonAsync("list-executions", "--state-machine-arn", machine))!["executions"]!.AsArray();
        listed.Select(e => (e!["name"]!.GetValue<string>(), e["status"]!.GetValue<string>())).Should().BeEquivalentTo([("answered", "SUCCEEDED"), ("stopped", "ABORTED")]);

        var history = (await aws.JsonAsync("get-execution-history", "--execution-arn", answered))!["events"]!.AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).Should().ContainInOrder("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        var reversed = (await aws.JsonAsync("get-execution-history", "--execution-arn", answered, "--reverse-order", "--max-items", "1"))!["events"]!.AsArray();
        reversed.Single()!["type"]!.GetValue<string>().Should().Be("ExecutionSucceeded");
    }

    [Fact]
    public async Task SendTaskSuccess_UsedToken_FailsWithTaskTimedOut()
    {
        var machine = (await aws.JsonAsync("create-state-machine", "--name", "cli-used-token", "--definition", Callback, "--role-arn", "arn:aws:iam::123456789012:role/cli"))!["stateMachineArn"]!.GetValue<string>();
        var execution = (await aws.JsonAsync("start-execution", "--state-machine-arn", machine))!["executionArn"]!.GetValue<string>();
        var token = await aws.TokenOfAsync(execution, "MessageBody");
        await aws.JsonAsync("send-task-success", "--task-token", token, "--task-output", "{}");

        var (exit, _, stderr) = await aws.RunAsync("send-task-success", "--task-token", token, "--task-output", "{}");

        exit.Should().NotBe(0);
        stderr.Should().Contain("TaskTimedOut");
    }
}
