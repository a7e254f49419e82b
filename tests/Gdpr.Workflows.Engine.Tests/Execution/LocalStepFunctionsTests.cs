using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Language;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Engine.Tests.Execution;

public sealed class LocalStepFunctionsTests : IAsyncDisposable
{
    private const string Erase = "arn:aws:lambda:us-east-1:123456789012:function:erase";
    private const string Publish = "arn:aws:states:::sns:publish";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero));
    private readonly LocalStepFunctions engine;
    private readonly List<TaskInvocation> invocations = [];
    private int failuresLeft;

    public LocalStepFunctionsTests()
    {
        engine = new LocalStepFunctions(new LocalEngineOptions { TimeProvider = time, Random = new Random(7) });
        engine.Options.Integrations.Add(new DelegateTaskIntegration(Erase, (invocation, _) =>
        {
            lock (invocations)
            {
                invocations.Add(invocation);
            }

            if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                throw new TaskFailedException("TransientError", "database busy");
            }

            return Task.FromResult<JsonNode?>(new JsonObject { ["erased"] = invocation.Parameters?["system"]?.DeepClone() });
        }));
        engine.Options.Integrations.Add(new DelegateTaskIntegration(Publish, (_, _) => Task.FromResult<JsonNode?>(new JsonObject { ["MessageId"] = "m-1" })));
    }

    public async ValueTask DisposeAsync() => await engine.DisposeAsync();

    [Fact]
    public async Task StartExecution_PassStatesWithPaths_ProducesAwsOutput()
    {
        var output = await RunAsync("""
            {"StartAt": "Shape", "States": {
              "Shape": {"Type": "Pass", "InputPath": "$.request", "Parameters": {"id.$": "$.id", "fixed": 1}, "ResultPath": "$.shaped", "Next": "Keep"},
              "Keep": {"Type": "Pass", "Result": {"ok": true}, "ResultPath": "$.result", "OutputPath": "$.result", "End": true}}}
            """, """{"request": {"id": "r-1"}}""");

        output.Status.Should().Be(ExecutionStatus.Succeeded);
        output.Output.Should().Be("""{"ok":true}""");
    }

    [Fact]
    public async Task Task_FailsTwiceUnderRetry_SucceedsWithStableIdempotencyKeysPerAttempt()
    {
        failuresLeft = 2;
        var result = await RunAsync("""
            {"StartAt": "Erase", "States": {
              "Erase": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:erase",
                        "Parameters": {"system.$": "$.system"},
                        "Retry": [{"ErrorEquals": ["TransientError"], "IntervalSeconds": 60, "MaxAttempts": 3, "BackoffRate": 2}],
                        "End": true}}}
            """, """{"system": "crm"}""");

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be("""{"erased":"crm"}""");
        invocations.Select(i => i.Attempt).Should().Equal(0, 1, 2);
        invocations.Select(i => i.IdempotencyKey).Should().OnlyHaveUniqueItems();
        var history = await engine.GetExecutionHistoryAsync(result.ExecutionArn);
        history.Select(e => e.Type).Should().ContainInOrder("TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionFailed", "LambdaFunctionScheduled", "LambdaFunctionFailed", "LambdaFunctionScheduled", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded");
        history.Select(e => e.Id).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Task_FailsBeyondRetries_CatchRoutesErrorOutput()
    {
        failuresLeft = 10;
        var result = await RunAsync("""
            {"StartAt": "Erase", "States": {
              "Erase": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:erase",
                        "Retry": [{"ErrorEquals": ["TransientError"], "MaxAttempts": 1}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Record"}],
                        "End": true},
              "Record": {"Type": "Pass", "End": true}}}
            """, """{"system": "crm"}""");

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        JsonNode.Parse(result.Output!)!["error"]!["Error"]!.GetValue<string>().Should().Be("TransientError");
        invocations.Should().HaveCount(2);
    }

    [Fact]
    public async Task Fail_WithoutCatch_FailsExecutionWithErrorAndCause()
    {
        var result = await RunAsync("""{"StartAt": "No", "States": {"No": {"Type": "Fail", "Error": "Rejected", "Cause": "bad"}}}""", "{}");

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("Rejected");
        result.Cause.Should().Be("bad");
    }

    [Fact]
    public async Task MapAndParallel_RunAllItemsAndBranches_InOrder()
    {
        var result = await RunAsync("""
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "ItemsPath": "$.systems", "MaxConcurrency": 2,
                       "ItemProcessor": {"StartAt": "Erase", "States": {"Erase": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:erase", "Parameters": {"system.$": "$"}, "End": true}}},
                       "ResultPath": "$.erased", "Next": "Both"},
              "Both": {"Type": "Parallel", "ResultPath": "$.branches", "End": true, "Branches": [
                 {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": "a", "End": true}}},
                 {"StartAt": "B", "States": {"B": {"Type": "Pass", "Result": "b", "End": true}}}]}}}
            """, """{"systems": ["crm", "orders", "marketing"]}""");

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        var output = JsonNode.Parse(result.Output!)!;
        output["erased"]!.ToJsonString().Should().Be("""[{"erased":"crm"},{"erased":"orders"},{"erased":"marketing"}]""");
        output["branches"]!.ToJsonString().Should().Be("""["a","b"]""");
    }

    [Fact]
    public async Task Wait_ThirtyDays_CompletesWhenFakeTimeAdvances()
    {
        var arn = engine.CreateStateMachine("wait", """{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 2592000, "End": true}}}""");
        var execution = await engine.StartExecutionAsync(arn, "{}");
        await WaitUntilAsync(async () => (await engine.GetExecutionHistoryAsync(execution)).Any(e => e.Type == "WaitStateEntered"));

        time.Advance(TimeSpan.FromDays(29));
        (await engine.DescribeExecutionAsync(execution)).Status.Should().Be(ExecutionStatus.Running);
        time.Advance(TimeSpan.FromDays(1));

        (await engine.WaitForCompletionAsync(execution).WaitAsync(TimeSpan.FromSeconds(10))).Status.Should().Be(ExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task WaitForTaskToken_AnsweredOnce_SecondAnswerIsConflict()
    {
        var arn = engine.CreateStateMachine("callback", """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
              "Parameters": {"Message": {"token.$": "$$.Task.Token"}}, "TimeoutSeconds": 1209600, "End": true}}}
            """);
        var execution = await engine.StartExecutionAsync(arn, "{}");
        var token = await TokenAsync(execution);

        await engine.SendTaskSuccessAsync(token, """{"outcome": "erased"}""");
        var second = () => engine.SendTaskSuccessAsync(token, """{"outcome": "erased"}""");

        (await second.Should().ThrowAsync<StepFunctionsApiException>()).Which.IsConflict.Should().BeTrue();
        var result = await engine.WaitForCompletionAsync(execution).WaitAsync(TimeSpan.FromSeconds(10));
        result.Output.Should().Be("""{"outcome":"erased"}""");
    }

    [Fact]
    public async Task WaitForTaskToken_NeverAnswered_TimesOutAfterFourteenDaysOfFakeTime()
    {
        var arn = engine.CreateStateMachine("timeout", """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
              "Parameters": {"Message": {"token.$": "$$.Task.Token"}}, "TimeoutSeconds": 1209600,
              "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.timeout", "Next": "Escalate"}], "End": true},
              "Escalate": {"Type": "Pass", "End": true}}}
            """);
        var execution = await engine.StartExecutionAsync(arn, "{}");
        _ = await TokenAsync(execution);

        time.Advance(TimeSpan.FromDays(14));

        var result = await engine.WaitForCompletionAsync(execution).WaitAsync(TimeSpan.FromSeconds(10));
        result.Status.Should().Be(ExecutionStatus.Succeeded);
        JsonNode.Parse(result.Output!)!["timeout"]!["Error"]!.GetValue<string>().Should().Be("States.Timeout");
    }

    [Fact]
    public async Task WaitForTaskToken_HeartbeatsStop_FailsWithHeartbeatTimeout()
    {
        var arn = engine.CreateStateMachine("heartbeat", """
            {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
              "Parameters": {"Message": {"token.$": "$$.Task.Token"}}, "HeartbeatSeconds": 3600, "TimeoutSeconds": 1209600, "End": true}}}
            """);
        var execution = await engine.StartExecutionAsync(arn, "{}");
        var token = await TokenAsync(execution);

        time.Advance(TimeSpan.FromMinutes(50));
        await engine.SendTaskHeartbeatAsync(token);
        await Task.Delay(20);
        time.Advance(TimeSpan.FromMinutes(50));
        await Task.Delay(20);
        (await engine.DescribeExecutionAsync(execution)).Status.Should().Be(ExecutionStatus.Running, "the heartbeat restarted the clock");
        time.Advance(TimeSpan.FromMinutes(50));

        var result = await engine.WaitForCompletionAsync(execution).WaitAsync(TimeSpan.FromSeconds(10));
        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("States.HeartbeatTimeout");
    }

    [Fact]
    public async Task DistributedMap_FailuresWithinTolerance_Succeeds_BeyondIt_Fails()
    {
        failuresLeft = 1;
        const string definition = """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.systems", "MaxConcurrency": 1, "ToleratedFailureCount": TOLERATED,
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "Erase",
                 "States": {"Erase": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:erase", "Parameters": {"system.$": "$"}, "End": true}}},
              "End": true}}}
            """;

        var tolerated = await RunAsync(definition.Replace("TOLERATED", "1", StringComparison.Ordinal), """{"systems": ["crm", "orders"]}""");
        failuresLeft = 1;
        var exceeded = await RunAsync(definition.Replace("TOLERATED", "0", StringComparison.Ordinal), """{"systems": ["crm", "orders"]}""");

        tolerated.Status.Should().Be(ExecutionStatus.Succeeded);
        exceeded.Status.Should().Be(ExecutionStatus.Failed);
        exceeded.Error.Should().Be("TransientError");
    }

    [Fact]
    public async Task Task_ResultOverPayloadLimit_FailsWithDataLimitExceeded()
    {
        engine.Options.Integrations.Insert(0, new DelegateTaskIntegration("arn:aws:lambda:us-east-1:123456789012:function:big", (_, _) =>
            Task.FromResult<JsonNode?>(JsonValue.Create(new string('a', 257 * 1024)))));

        var result = await RunAsync("""
            {"StartAt": "Big", "States": {"Big": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:big", "End": true}}}
            """, "{}");

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("States.DataLimitExceeded");
    }

    [Fact]
    public async Task Task_ResultOverPayloadLimit_IsCaughtByStatesAll()
    {
        engine.Options.Integrations.Insert(0, new DelegateTaskIntegration("arn:aws:lambda:us-east-1:123456789012:function:big", (_, _) =>
            Task.FromResult<JsonNode?>(JsonValue.Create(new string('a', 257 * 1024)))));

        var result = await RunAsync("""
            {"StartAt": "Big", "States": {"Big": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:big",
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true}, "Caught": {"Type": "Pass", "End": true}}}
            """, "{}");

        result.Status.Should().Be(ExecutionStatus.Succeeded, "AWS recorded States.ALL catching States.DataLimitExceeded");
        JsonNode.Parse(result.Output!)!["Error"]!.GetValue<string>().Should().Be("States.DataLimitExceeded");
    }

    [Fact]
    public async Task RedriveExecution_AfterAFailedMapIteration_RerunsOnlyWhatFailed()
    {
        var broken = true;
        engine.Options.Integrations.Insert(0, new DelegateTaskIntegration("arn:aws:lambda:us-east-1:123456789012:function:flaky", (invocation, _) =>
        {
            lock (invocations)
            {
                invocations.Add(invocation);
            }

            return broken && invocation.Parameters?.GetValue<string>() == "orders"
                ? throw new TaskFailedException("Erasure.ConnectorDown", "orders is down")
                : Task.FromResult<JsonNode?>(invocation.Parameters?.DeepClone());
        }));
        var arn = engine.CreateStateMachine("redrive", """
            {"StartAt": "Each", "States": {
              "Each": {"Type": "Map", "ItemsPath": "$.systems", "MaxConcurrency": 1,
                       "ItemProcessor": {"StartAt": "Erase", "States": {"Erase": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky", "End": true}}},
                       "ResultPath": "$.erased", "Next": "Count"},
              "Count": {"Type": "Pass", "Parameters": {"erased.$": "$.erased", "redrives.$": "$$.Execution.RedriveCount"}, "End": true}}}
            """);
        var execution = await engine.StartExecutionAsync(arn, """{"systems": ["crm", "orders", "marketing"]}""");
        (await engine.WaitForCompletionAsync(execution)).Status.Should().Be(ExecutionStatus.Failed);
        var before = invocations.Count;

        broken = false;
        await engine.RedriveExecutionAsync(execution);
        var result = await engine.WaitForCompletionAsync(execution).WaitAsync(TimeSpan.FromSeconds(10));

        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.RedriveCount.Should().Be(1);
        JsonNode.DeepEquals(JsonNode.Parse(result.Output!), JsonNode.Parse("""{"erased": ["crm", "orders", "marketing"], "redrives": 1}""")).Should().BeTrue(result.Output);
        invocations.Skip(before).Select(i => i.Parameters!.GetValue<string>()).Should().Equal(["orders", "marketing"], "crm had succeeded and is not erased again");
        (await engine.GetExecutionHistoryAsync(execution)).Should().ContainSingle(e => e.Type == "ExecutionRedriven");
    }

    [Fact]
    public async Task RedriveExecution_Succeeded_IsRefused()
    {
        var arn = engine.CreateStateMachine("done", """{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""");
        var execution = await engine.StartExecutionAsync(arn, "{}");
        await engine.WaitForCompletionAsync(execution);

        var redrive = () => engine.RedriveExecutionAsync(execution);

        (await redrive.Should().ThrowAsync<StepFunctionsApiException>()).Which.Code.Should().Be("ExecutionNotRedrivable");
    }

    [Fact]
    public async Task StopExecution_WhileWaiting_RecordsAborted()
    {
        var arn = engine.CreateStateMachine("stop", """{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100, "End": true}}}""");
        var execution = await engine.StartExecutionAsync(arn, "{}");

        await engine.StopExecutionAsync(execution, "Cancelled", "officer cancelled");

        var description = await engine.DescribeExecutionAsync(execution);
        description.Status.Should().Be(ExecutionStatus.Aborted);
        (await engine.GetExecutionHistoryAsync(execution))[^1].Type.Should().Be("ExecutionAborted");
    }

    [Fact]
    public async Task StartExecution_SameNameSameInput_ReturnsSameExecution()
    {
        var arn = engine.CreateStateMachine("dup", """{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 100, "End": true}}}""");

        var first = await engine.StartExecutionAsync(arn, """{"a":1}""", "request-1");
        var second = await engine.StartExecutionAsync(arn, """{"a":1}""", "request-1");
        var other = () => engine.StartExecutionAsync(arn, """{"a":2}""", "request-1");

        second.Should().Be(first);
        (await other.Should().ThrowAsync<StepFunctionsApiException>()).Which.Code.Should().Be("ExecutionAlreadyExists");
    }

    [Theory]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Teleport", "End": true}}}""", "/States/A/Type")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Nowhere"}}}""", "MISSING_TRANSITION_TARGET")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Pass"}}}""", "State 'A' must have either 'Next' or 'End'")]
    [InlineData("""{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}, "B": {"Type": "Pass", "End": true}}}""", "State 'B' is not reachable")]
    public void CreateStateMachine_BadDefinition_IsRefusedNamingTheState(string definition, string expected)
    {
        var create = () => engine.CreateStateMachine("bad", definition);

        create.Should().Throw<AslDefinitionException>().WithMessage($"*{expected}*");
    }

    private async Task<ExecutionDescription> RunAsync(string definition, string input)
    {
        var arn = engine.CreateStateMachine("machine", definition);
        var execution = await engine.StartExecutionAsync(arn, input);
        var completion = engine.WaitForCompletionAsync(execution);
        while (!completion.IsCompleted)
        {
            // Retry intervals run on fake time: advance it until the execution ends.
            await Task.Delay(5);
            time.Advance(TimeSpan.FromMinutes(5));
        }

        return await completion;
    }

    private async Task<string> TokenAsync(string execution)
    {
        string? token = null;
        await WaitUntilAsync(async () =>
        {
            var scheduled = (await engine.GetExecutionHistoryAsync(execution)).FirstOrDefault(e => e.Type == "TaskSubmitted");
            if (scheduled is null)
            {
                return false;
            }

            var history = await engine.GetExecutionHistoryAsync(execution);
            var parameters = history.First(e => e.Type == "TaskScheduled").Details!["parameters"]!.GetValue<string>();
            token = JsonNode.Parse(parameters)!["Message"]!["token"]!.GetValue<string>();
            return true;
        });
        return token!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the engine should reach the awaited point quickly");
            await Task.Delay(5);
        }
    }
}
