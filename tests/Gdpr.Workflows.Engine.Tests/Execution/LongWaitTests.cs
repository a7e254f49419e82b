using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Engine.Tests.Execution;

/// <summary>
/// Waits longer than a .NET timer can hold (49.7 days): the erasure workflow's identity wait may last a year
/// (IdentityCloseDays up to 366), and ASL allows Wait, TimeoutSeconds and HeartbeatSeconds up to 99999999 seconds.
/// </summary>
public sealed class LongWaitTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task WaitState_SixtyDays_EndsAfterSixtyDaysNotBefore()
    {
        await using var engine = new LocalStepFunctions(new LocalEngineOptions { TimeProvider = time });
        var machine = engine.CreateStateMachine("long-wait", """{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 5184000, "End": true}}}""");
        var execution = await engine.StartExecutionAsync(machine, "{}");
        var completion = engine.WaitForCompletionAsync(execution);

        await AdvanceAsync(TimeSpan.FromDays(59));
        completion.IsCompleted.Should().BeFalse("59 of 60 days have passed");
        await AdvanceAsync(TimeSpan.FromDays(1));

        (await completion.WaitAsync(TimeSpan.FromSeconds(10))).Status.Should().Be(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task TaskTimeout_HundredDaysFromPath_TimesOutAfterHundredDays()
    {
        await using var engine = new LocalStepFunctions(new LocalEngineOptions { TimeProvider = time });
        engine.Options.Integrations.Add(new DelegateTaskIntegration("arn:aws:states:::sns:publish", (_, _) => Task.FromResult<JsonNode?>(new JsonObject { ["MessageId"] = "m" })));
        var machine = engine.CreateStateMachine("long-task", """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
              "TimeoutSecondsPath": "$.waitSeconds", "Parameters": {"Message": {"token.$": "$$.Task.Token"}}, "End": true}}}
            """);
        var execution = await engine.StartExecutionAsync(machine, """{"waitSeconds": 8640000}""");
        var completion = engine.WaitForCompletionAsync(execution);

        await AdvanceAsync(TimeSpan.FromDays(99));
        completion.IsCompleted.Should().BeFalse("99 of 100 days have passed");
        await AdvanceAsync(TimeSpan.FromDays(1));

        var result = await completion.WaitAsync(TimeSpan.FromSeconds(10));
        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("States.Timeout", result.Cause);
    }

    /// <summary>Advances virtual time a day at a time, letting the engine's timers re-arm between steps.</summary>
    private async Task AdvanceAsync(TimeSpan span)
    {
        for (var left = span; left > TimeSpan.Zero; left -= TimeSpan.FromDays(1))
        {
            await Task.Delay(20);
            time.Advance(left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1));
        }

        await Task.Delay(50);
    }
}
