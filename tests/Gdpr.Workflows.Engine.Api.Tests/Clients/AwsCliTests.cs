using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Api.Tests.Support;

namespace Gdpr.Workflows.Engine.Api.Tests.Clients;

/// <summary>
/// The AWS CLI (Debian's v2 at /usr/bin/aws when installed, else the one on PATH) against the real
/// <c>gdpr engine serve</c>, with --endpoint-url: the calls an async system and an operator make.
/// </summary>
public sealed class AwsCliTests(EngineServeProcess serve) : IClassFixture<EngineServeProcess>
{
    private const string Callback = """
        {"StartAt": "Wait", "States": {"Wait": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
          "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/callbacks", "MessageBody": {"token.$": "$$.Task.Token"}}, "End": true}}}
        """;

    [Fact]
    public async Task EngineServe_DrivenByAwsCli_AnswersTasksStopsListsDescribesAndShowsHistory()
    {
        var machine = (await Aws("create-state-machine", "--name", "cli-callback", "--definition", Callback, "--role-arn", "arn:aws:iam::123456789012:role/cli"))!["stateMachineArn"]!.GetValue<string>();
        var answered = (await Aws("start-execution", "--state-machine-arn", machine, "--name", "answered", "--input", """{"n": 1}"""))!["executionArn"]!.GetValue<string>();
        var stopped = (await Aws("start-execution", "--state-machine-arn", machine, "--name", "stopped"))!["executionArn"]!.GetValue<string>();

        var token = await TokenOf(answered);
        (await Aws("send-task-success", "--task-token", token, "--task-output", """{"outcome": "erased"}""")).Should().BeNull("send-task-success answers nothing");
        var described = await WaitForEnd(answered);
        described["status"]!.GetValue<string>().Should().Be("SUCCEEDED");
        JsonNode.Parse(described["output"]!.GetValue<string>())!["outcome"]!.GetValue<string>().Should().Be("erased");

        _ = await TokenOf(stopped);
        var stop = await Aws("stop-execution", "--execution-arn", stopped, "--error", "Operator.Cancel", "--cause", "withdrawn");
        stop!["stopDate"].Should().NotBeNull();
        var aborted = (await Aws("describe-execution", "--execution-arn", stopped))!;
        aborted["status"]!.GetValue<string>().Should().Be("ABORTED");
        aborted["error"]!.GetValue<string>().Should().Be("Operator.Cancel");

        var listed = (await Aws("list-executions", "--state-machine-arn", machine))!["executions"]!.AsArray();
        listed.Select(e => (e!["name"]!.GetValue<string>(), e["status"]!.GetValue<string>())).Should().BeEquivalentTo([("answered", "SUCCEEDED"), ("stopped", "ABORTED")]);

        var history = (await Aws("get-execution-history", "--execution-arn", answered))!["events"]!.AsArray();
        history.Select(e => e!["type"]!.GetValue<string>()).Should().ContainInOrder("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        var reversed = (await Aws("get-execution-history", "--execution-arn", answered, "--reverse-order", "--max-items", "1"))!["events"]!.AsArray();
        reversed.Single()!["type"]!.GetValue<string>().Should().Be("ExecutionSucceeded");
    }

    [Fact]
    public async Task SendTaskSuccess_UsedToken_FailsWithTaskTimedOut()
    {
        var machine = (await Aws("create-state-machine", "--name", "cli-used-token", "--definition", Callback, "--role-arn", "arn:aws:iam::123456789012:role/cli"))!["stateMachineArn"]!.GetValue<string>();
        var execution = (await Aws("start-execution", "--state-machine-arn", machine))!["executionArn"]!.GetValue<string>();
        var token = await TokenOf(execution);
        await Aws("send-task-success", "--task-token", token, "--task-output", "{}");

        var (exit, _, stderr) = await Run("send-task-success", "--task-token", token, "--task-output", "{}");

        exit.Should().NotBe(0);
        stderr.Should().Contain("TaskTimedOut");
    }

    private async Task<string> TokenOf(string execution)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var events = (await Aws("get-execution-history", "--execution-arn", execution))!["events"]!.AsArray();
            if (events.FirstOrDefault(e => e!["type"]!.GetValue<string>() == "TaskScheduled") is { } scheduled)
            {
                return JsonNode.Parse(scheduled["taskScheduledEventDetails"]!["parameters"]!.GetValue<string>())!["MessageBody"]!["token"]!.GetValue<string>();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{execution} scheduled no task");
    }

    private async Task<JsonObject> WaitForEnd(string execution)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var described = (await Aws("describe-execution", "--execution-arn", execution))!;
            if (described["status"]!.GetValue<string>() != "RUNNING")
            {
                return described;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{execution} did not end");
    }

    private async Task<JsonObject?> Aws(params string[] arguments)
    {
        var (exit, stdout, stderr) = await Run(arguments);
        exit.Should().Be(0, $"aws stepfunctions {string.Join(' ', arguments)} failed: {stderr}");
        return stdout.Trim().Length == 0 ? null : JsonNode.Parse(stdout)!.AsObject();
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] arguments) =>
        ChildProcess.RunAsync(
            ChildProcess.Find("aws", "/usr/bin/aws"),
            ["stepfunctions", .. arguments, "--endpoint-url", serve.Url, "--output", "json"],
            new Dictionary<string, string>
            {
                ["AWS_ACCESS_KEY_ID"] = "local",
                ["AWS_SECRET_ACCESS_KEY"] = "local",
                ["AWS_DEFAULT_REGION"] = "eu-west-2",
                ["AWS_PAGER"] = string.Empty,
                ["AWS_CONFIG_FILE"] = "/nonexistent/aws-config",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials",
            },
            TimeSpan.FromSeconds(60));
}
