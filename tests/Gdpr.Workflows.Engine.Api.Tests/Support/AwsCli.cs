using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Api.Tests.Support;

/// <summary>
/// <c>aws stepfunctions ... --endpoint-url</c>: Debian's AWS CLI v2 at /usr/bin/aws when installed, else the aws on
/// PATH; no user configuration is read, and the credentials are <paramref name="credentialsFile"/>'s or dummies.
/// </summary>
public sealed class AwsCli(string endpoint, string? credentialsFile = null)
{
    public static string Program => ChildProcess.Find("aws", "/usr/bin/aws");

    /// <summary>The command's JSON answer (null for none); a failing command fails the test with its stderr.</summary>
    public async Task<JsonObject?> JsonAsync(params string[] arguments)
    {
        var (exit, stdout, stderr) = await RunAsync(arguments);
        exit.Should().Be(0, $"aws stepfunctions {string.Join(' ', arguments)} failed: {stderr}");
        return stdout.Trim().Length == 0 ? null : JsonNode.Parse(stdout)!.AsObject();
    }

    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS_DEFAULT_REGION"] = "eu-west-2",
            ["AWS_PAGER"] = string.Empty,
            ["AWS_CONFIG_FILE"] = "/nonexistent/aws-config",
            ["AWS_SHARED_CREDENTIALS_FILE"] = credentialsFile ?? "/nonexistent/aws-credentials",
        };
        if (credentialsFile is null)
        {
            environment["AWS_ACCESS_KEY_ID"] = "local";
            environment["AWS_SECRET_ACCESS_KEY"] = "local";
        }

        return ChildProcess.RunAsync(Program, ["stepfunctions", .. arguments, "--endpoint-url", endpoint, "--output", "json"], environment, TimeSpan.FromSeconds(60));
    }

    /// <summary>The task token a waitForTaskToken task sent as <c>{"token.$": "$$.Task.Token"}</c> in <paramref name="message"/>, from the history.</summary>
    public async Task<string> TokenOfAsync(string execution, string message)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var events = (await JsonAsync("get-execution-history", "--execution-arn", execution))!["events"]!.AsArray();
            if (events.FirstOrDefault(e => e!["type"]!.GetValue<string>() == "TaskScheduled") is { } scheduled)
            {
                var parameters = JsonNode.Parse(scheduled["taskScheduledEventDetails"]!["parameters"]!.GetValue<string>())!;
                var body = parameters[message]!;
                return (body is JsonValue text ? JsonNode.Parse(text.GetValue<string>())! : body)["token"]!.GetValue<string>();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{execution} scheduled no task");
    }

    public async Task<JsonObject> WaitForEndAsync(string execution)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var described = (await JsonAsync("describe-execution", "--execution-arn", execution))!;
            if (described["status"]!.GetValue<string>() != "RUNNING")
            {
                return described;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{execution} did not end");
    }
}
