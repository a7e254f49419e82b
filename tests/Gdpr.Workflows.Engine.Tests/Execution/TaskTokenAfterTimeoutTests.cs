using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Engine.Tests.Execution;

/// <summary>
/// A task whose heartbeat timed out, caught, while the execution runs on: its token is answered as AWS answers it
/// (TaskTimedOut), not recorded as if the task still waited.
/// </summary>
public sealed class TaskTokenAfterTimeoutTests : IAsyncDisposable
{
    private const string Definition = """
        {"StartAt": "Ask", "States": {
          "Ask": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken", "HeartbeatSeconds": 60,
            "Parameters": {"Message": {"token.$": "$$.Task.Token"}},
            "Catch": [{"ErrorEquals": ["States.HeartbeatTimeout"], "ResultPath": null, "Next": "AskAgain"}], "End": true},
          "AskAgain": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
            "Parameters": {"Message": {"token.$": "$$.Task.Token"}}, "End": true}}}
        """;

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero));
    private readonly LocalStepFunctions engine;

    public TaskTokenAfterTimeoutTests()
    {
        engine = new LocalStepFunctions(new LocalEngineOptions { TimeProvider = time });
        engine.Options.Integrations.Add(new DelegateTaskIntegration("arn:aws:states:::sns:publish", (_, _) => Task.FromResult<JsonNode?>(new JsonObject { ["MessageId"] = "m-1" })));
    }

    public async ValueTask DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task SendTaskSuccess_TaskTimedOutExecutionRunsOn_FailsWithTaskTimedOut()
    {
        var execution = await engine.StartExecutionAsync(engine.CreateStateMachine("ask", Definition), "{}");
        var first = (await TokensAsync(execution, 1))[0];
        time.Advance(TimeSpan.FromSeconds(61));
        var second = (await TokensAsync(execution, 2))[1];

        var success = () => engine.SendTaskSuccessAsync(first, "{}");
        var heartbeat = () => engine.SendTaskHeartbeatAsync(first);

        (await success.Should().ThrowAsync<StepFunctionsApiException>()).Which.Code.Should().Be("TaskTimedOut");
        (await heartbeat.Should().ThrowAsync<StepFunctionsApiException>()).Which.Code.Should().Be("TaskTimedOut");
        (await engine.DescribeExecutionAsync(execution)).Status.Should().Be(ExecutionStatus.Running);
        await engine.SendTaskSuccessAsync(second, """{"answered": "second"}""");
        (await engine.WaitForCompletionAsync(execution).WaitAsync(TimeSpan.FromSeconds(10))).Output.Should().Be("""{"answered":"second"}""");
    }

    private async Task<List<string>> TokensAsync(string execution, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var history = await engine.GetExecutionHistoryAsync(execution);
            if (history.Count(e => e.Type == "TaskSubmitted") >= count)
            {
                return [.. history.Where(e => e.Type == "TaskScheduled").Select(e => JsonNode.Parse(e.Details!["parameters"]!.GetValue<string>())!["Message"]!["token"]!.GetValue<string>())];
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the engine should reach the task quickly");
            await Task.Delay(5);
        }
    }
}
