using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Engine.Api.Tests.Support;

namespace Gdpr.Workflows.Engine.Api.Tests.Clients;

/// <summary>
/// The AWS CLI against the Step Functions API that the real <c>gdpr serve</c> mounts beside its JSON API: signed with
/// the key from the data directory, on the engine that runs the erasure workflow of template.yaml.
/// </summary>
public sealed partial class GdprServeAwsCliTests(GdprServeProcess serve) : IClassFixture<GdprServeProcess>
{
    private readonly AwsCli aws = new(serve.Url, serve.CredentialsFile);

    [Fact]
    public async Task GdprServe_DrivenByAwsCli_AnswersTasksStopsListsDescribesAndShowsHistory()
    {
        var machines = (await aws.JsonAsync("list-state-machines"))!["stateMachines"]!.AsArray();
        machines.Should().NotBeEmpty("gdpr serve runs the template's state machines");
        var topic = string.Empty;
        foreach (var listedMachine in machines)
        {
            var described = (await aws.JsonAsync("describe-state-machine", "--state-machine-arn", listedMachine!["stateMachineArn"]!.GetValue<string>()))!;
            topic = topic.Length > 0 ? topic : TopicArn().Match(described["definition"]!.GetValue<string>()).Value;
        }

        topic.Should().NotBeEmpty("the workflow publishes to an SNS topic of the template");
        var callback = new JsonObject
        {
            ["StartAt"] = "Ask",
            ["States"] = new JsonObject
            {
                ["Ask"] = new JsonObject
                {
                    ["Type"] = "Task",
                    ["Resource"] = "arn:aws:states:::sns:publish.waitForTaskToken",
                    ["Parameters"] = new JsonObject { ["TopicArn"] = topic, ["Message"] = new JsonObject { ["token.$"] = "$$.Task.Token" } },
                    ["End"] = true,
                },
            },
        };
        var machine = (await aws.JsonAsync("create-state-machine", "--name", "serve-callback", "--definition", callback.ToJsonString(), "--role-arn", "arn:aws:iam::123456789012:role/cli"))!["stateMachineArn"]!.GetValue<string>();
        var answered = (await aws.JsonAsync("start-execution", "--state-machine-arn", machine, "--name", "answered"))!["executionArn"]!.GetValue<string>();
        var stopped = (await aws.JsonAsync("start-execution", "--state-machine-arn", machine, "--name", "stopped"))!["executionArn"]!.GetValue<string>();

        await aws.JsonAsync("send-task-success", "--task-token", await aws.TokenOfAsync(answered, "Message"), "--task-output", """{"outcome": "erased"}""");
        (await aws.WaitForEndAsync(answered))["status"]!.GetValue<string>().Should().Be("SUCCEEDED");
        _ = await aws.TokenOfAsync(stopped, "Message");
        await aws.JsonAsync("stop-execution", "--execution-arn", stopped);

        var listed = (await aws.JsonAsync("list-executions", "--state-machine-arn", machine))!["executions"]!.AsArray();
        listed.Select(e => (e!["name"]!.GetValue<string>(), e["status"]!.GetValue<string>())).Should().BeEquivalentTo([("answered", "SUCCEEDED"), ("stopped", "ABORTED")]);
        (await aws.JsonAsync("get-execution-history", "--execution-arn", answered))!["events"]!.AsArray().Last()!["type"]!.GetValue<string>().Should().Be("ExecutionSucceeded");
    }

    [Fact]
    public async Task GdprServe_CallWithoutTheDataDirectorysKey_IsRefused()
    {
        var (exit, _, stderr) = await new AwsCli(serve.Url).RunAsync("list-state-machines");

        exit.Should().NotBe(0);
        stderr.Should().Contain("UnrecognizedClientException");
    }

    [GeneratedRegex("arn:aws:sns:[^\"]+")]
    private static partial Regex TopicArn();
}
