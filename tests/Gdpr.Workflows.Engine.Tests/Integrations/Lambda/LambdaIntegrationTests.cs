using System.Text.Json.Nodes;
using Gdpr.Workflows.Conformance.Core;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Integrations.Lambda;
using Gdpr.Workflows.Engine.Tests.Conformance;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Engine.Tests.Integrations.Lambda;

public class LambdaIntegrationTests
{
    private const string Invoke = "arn:aws:states:::lambda:invoke";
    private const string FunctionArn = "arn:aws:lambda:us-east-1:111111111111:function:erase";

    private static readonly ExpectationComparer Comparer =
        new(new RecorderNormalizer(RecorderNormalizer.RecordedAccountId, EngineCaseExecutor.Region));

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly LambdaFunctionRegistry registry = new(EngineCaseExecutor.Region, RecorderNormalizer.RecordedAccountId);
    private readonly LambdaIntegration integration;

    public LambdaIntegrationTests() => integration = new LambdaIntegration(registry, time);

    [Theory]
    [InlineData(Invoke, true)]
    [InlineData("arn:aws-us-gov:states:::lambda:invoke", true)]
    [InlineData(FunctionArn, true)]
    [InlineData(FunctionArn + ":live", true)]
    [InlineData("arn:aws:states:::sqs:sendMessage", false)]
    [InlineData("arn:aws:states:::lambda:invoke.waitForTaskToken", false)]
    [InlineData("arn:aws:lambda:us-east-1:111111111111:layer:x", false)]
    public void CanHandle_Resource_ServesOnlyLambda(string resource, bool expected)
    {
        integration.CanHandle(resource).Should().Be(expected);
    }

    [CorpusTheory]
    [InlineData("TestTaskServiceLambda::test_invoke_json_values[HelloWorld]")]
    [InlineData("TestTaskServiceLambda::test_invoke_json_values[0.0]")]
    [InlineData("TestTaskServiceLambda::test_invoke_json_values[0_0]")]
    [InlineData("TestTaskServiceLambda::test_invoke_json_values[json_value6]")]
    [InlineData("TestTaskServiceLambda::test_invoke_unsupported_param")]
    [InlineData("TestBaseScenarios::test_lambda_service_invoke_sync_execution")]
    public async Task InvokeAsync_OptimisedInvoke_ReturnsTheRecordedEnvelope(string caseId)
    {
        // These machines run the task, then a Pass state copying its result to $.final.
        var testCase = Corpus.Case(Corpus.CasesWithServices, caseId);
        BindFixtures(testCase);

        var envelope = (await integration.InvokeAsync(Task(Invoke, testCase.Input), CancellationToken.None))!.AsObject();
        envelope["final"] = envelope.DeepClone();

        Comparer.Compare(testCase, Succeeded(envelope)).Difference.Should().BeNull();
    }

    [CorpusTheory]
    [InlineData("TestTaskLambda::test_invoke_json_values[HelloWorld]")]
    [InlineData("TestTaskLambda::test_invoke_json_values[0.0]")]
    [InlineData("TestTaskLambda::test_invoke_json_values[json_value5]")]
    [InlineData("TestTaskLambda::test_invoke_json_values[json_value6]")]
    [InlineData("TestTaskLambda::test_invoke_bytes_payload")]
    public async Task InvokeAsync_FunctionArn_ReturnsTheRecordedRawPayload(string caseId)
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, caseId);
        BindFixtures(testCase);
        var resource = testCase.Definition!["States"]!["step1"]!["Resource"]!.GetValue<string>();

        var result = await integration.InvokeAsync(Task(resource, testCase.Input), CancellationToken.None);

        Comparer.Compare(testCase, new CaseOutcome("SUCCEEDED", result?.ToJsonString() ?? "null", null, null)).Difference.Should().BeNull();
    }

    [CorpusFact]
    public async Task InvokeAsync_FunctionArnRaising_FailsWithTheRecordedErrorAndPythonStyleCause()
    {
        var testCase = Corpus.Case(Corpus.CasesWithServices, "TestTaskLambda::test_raise_exception");
        BindFixtures(testCase);
        var resource = testCase.Definition!["States"]!["Start"]!["Resource"]!.GetValue<string>();

        var failure = await CatchFailure(() => integration.InvokeAsync(Task(resource, testCase.Input), CancellationToken.None));

        var comparison = Comparer.Compare(testCase, new CaseOutcome("FAILED", null, failure.Error, failure.Cause));
        comparison.Difference.Should().BeNull();
        comparison.CauseDifference.Should().BeNull();
        failure.Cause.Should().StartWith("{\"errorMessage\": \"Some exception was raised.\", \"errorType\": \"Exception\", \"requestId\": \"");
    }

    [CorpusTheory]
    [InlineData("TestTaskLambda::test_raise_custom_exception", "InvokeLambda")]
    [InlineData("TestTaskServiceLambda::test_raise_custom_exception", "InvokeLambda")]
    [InlineData("TestTaskServiceLambda::test_no_such_function_catch", "Start")]
    [InlineData("TestStatesErrors::test_service_task_lambada_data_limit_exceeded_on_large_utf8_response", "InvokeLambda")]
    [InlineData("TestStatesErrors::test_task_lambda_data_limit_exceeded_on_large_utf8_response", "InvokeLambda")]
    public async Task InvokeAsync_CaughtFailure_HasTheRecordedErrorAndCause(string caseId, string taskState)
    {
        // These machines catch the task's failure and end with {Error, Cause} (some also copy it under a ResultPath).
        var testCase = Corpus.Case(Corpus.CasesWithServices, caseId);
        BindFixtures(testCase);
        var state = testCase.Definition!["States"]![taskState]!;
        var parameters = state["Parameters"] is null ? testCase.Input : EvaluateParameters(state["Parameters"]!, testCase.Input!);

        var failure = await CatchFailure(() => integration.InvokeAsync(Task(state["Resource"]!.GetValue<string>(), parameters), CancellationToken.None));

        var errorOutput = new JsonObject { ["Error"] = failure.Error, ["Cause"] = failure.Cause };
        var output = (JsonObject)errorOutput.DeepClone();
        foreach (var (key, _) in testCase.Expected.Output!.AsObject().Where(p => p.Key is not ("Error" or "Cause")))
        {
            output[key] = errorOutput.DeepClone();
        }

        Comparer.Compare(testCase, Succeeded(output)).Difference.Should().BeNull();
    }

    [Fact]
    public async Task InvokeAsync_NoPayload_SendsLambdasEmptyEvent()
    {
        JsonNode? received = null;
        registry.Register("erase", (payload, _, _) => System.Threading.Tasks.Task.FromResult(received = payload));

        await integration.InvokeAsync(Task(Invoke, new JsonObject { ["FunctionName"] = "erase" }), CancellationToken.None);

        received.Should().BeOfType<JsonObject>().Which.Count.Should().Be(0);
    }

    [Fact]
    public async Task InvokeAsync_PayloadString_IsSentAsJsonText()
    {
        JsonNode? received = null;
        registry.Register("erase", (payload, _, _) => System.Threading.Tasks.Task.FromResult(received = payload));

        await integration.InvokeAsync(Task(Invoke, new JsonObject { ["FunctionName"] = "erase", ["Payload"] = "{\"id\":7}" }), CancellationToken.None);

        received!["id"]!.GetValue<int>().Should().Be(7);
    }

    [Fact]
    public async Task InvokeAsync_PayloadStringThatIsNotJson_FailsAsLambdaWould()
    {
        registry.Register("erase", (payload, _, _) => System.Threading.Tasks.Task.FromResult(payload));

        var failure = await CatchFailure(() =>
            integration.InvokeAsync(Task(Invoke, new JsonObject { ["FunctionName"] = "erase", ["Payload"] = "not json" }), CancellationToken.None));

        failure.Error.Should().Be("Lambda.InvalidRequestContentException");
        failure.Cause.Should().Contain("Error Code: InvalidRequestContentException");
    }

    [Fact]
    public async Task InvokeAsync_HandlerThrowsAnyException_ErrorTypeIsTheClassName()
    {
        registry.Register("erase", (_, _, _) => throw new InvalidOperationException("subject locked"));

        var failure = await CatchFailure(() => integration.InvokeAsync(Task(Invoke, new JsonObject { ["FunctionName"] = "erase" }), CancellationToken.None));

        failure.Error.Should().Be("InvalidOperationException");
        var cause = JsonNode.Parse(failure.Cause!)!;
        cause["errorMessage"]!.GetValue<string>().Should().Be("subject locked");
        cause["errorType"]!.GetValue<string>().Should().Be("InvalidOperationException");
        cause["stackTrace"]!.AsArray().Should().NotBeEmpty();
        failure.Cause.Should().StartWith("{\"errorMessage\":\"subject locked\",\"errorType\":");
    }

    [Fact]
    public async Task InvokeAsync_LambdaFunctionException_ChoosesTheErrorName()
    {
        registry.Register("erase", (_, _, _) => throw new LambdaFunctionException("Erasure.SubjectNotFound", "no subject 42"));

        var failure = await CatchFailure(() => integration.InvokeAsync(Task(FunctionArn, new JsonObject()), CancellationToken.None));

        failure.Error.Should().Be("Erasure.SubjectNotFound");
        JsonNode.Parse(failure.Cause!)!["errorMessage"]!.GetValue<string>().Should().Be("no subject 42");
    }

    [Fact]
    public async Task InvokeAsync_UnknownFunction_FailsWithResourceNotFoundNamingTheArn()
    {
        var failure = await CatchFailure(() =>
            integration.InvokeAsync(Task(Invoke, new JsonObject { ["FunctionName"] = "missing" }), CancellationToken.None));

        failure.Error.Should().Be("Lambda.ResourceNotFoundException");
        failure.Cause.Should().StartWith("Function not found: arn:aws:lambda:us-east-1:111111111111:function:missing:$LATEST (Service: AWSLambda;");
    }

    [Fact]
    public async Task InvokeAsync_EngineCancels_PropagatesCancellationNotAFunctionError()
    {
        registry.Register("erase", async (payload, _, ct) =>
        {
            await System.Threading.Tasks.Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return payload;
        });
        using var cancellation = new CancellationTokenSource();

        var invoking = integration.InvokeAsync(Task(Invoke, new JsonObject { ["FunctionName"] = "erase" }), cancellation.Token);
        await cancellation.CancelAsync();

        await FluentActions.Awaiting(() => invoking).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task InvokeAsync_SameIdempotencyKey_ReportsTheSameRequestId()
    {
        registry.Register("erase", (payload, _, _) => System.Threading.Tasks.Task.FromResult(payload));
        var parameters = new JsonObject { ["FunctionName"] = "erase" };

        var first = await integration.InvokeAsync(Task(Invoke, parameters, key: "exec/Erase/0"), CancellationToken.None);
        var again = await integration.InvokeAsync(Task(Invoke, parameters, key: "exec/Erase/0"), CancellationToken.None);
        var retry = await integration.InvokeAsync(Task(Invoke, parameters, key: "exec/Erase/1"), CancellationToken.None);

        RequestId(again).Should().Be(RequestId(first));
        RequestId(retry).Should().NotBe(RequestId(first));
    }

    [Fact]
    public async Task InvokeAsync_Handler_SeesItsContext()
    {
        LambdaInvocationContext? seen = null;
        registry.Register("erase:live", (payload, context, _) =>
        {
            seen = context;
            return System.Threading.Tasks.Task.FromResult(payload);
        });

        var result = await integration.InvokeAsync(
            Task(Invoke, new JsonObject { ["FunctionName"] = "erase", ["Qualifier"] = "live" }, timeoutSeconds: 30),
            CancellationToken.None);

        seen.Should().NotBeNull();
        seen!.FunctionName.Should().Be("erase");
        seen.InvokedFunctionArn.Should().Be("arn:aws:lambda:us-east-1:111111111111:function:erase:live");
        seen.FunctionVersion.Should().Be("$LATEST");
        seen.AwsRequestId.Should().Be(RequestId(result));
        seen.StateName.Should().Be("Erase");
        seen.Deadline.Should().Be(time.GetUtcNow().AddSeconds(30));
    }

    [Fact]
    public async Task InvokeAsync_QualifierDifferentFromTheOneInTheName_Fails()
    {
        var failure = await CatchFailure(() => integration.InvokeAsync(
            Task(Invoke, new JsonObject { ["FunctionName"] = "erase:live", ["Qualifier"] = "beta" }),
            CancellationToken.None));

        failure.Error.Should().Be("Lambda.InvalidParameterValueException");
    }

    [Fact]
    public async Task InvokeAsync_HandlerReturnsPartOfItsInput_ResultIsDetached()
    {
        registry.Register("erase", (payload, _, _) => System.Threading.Tasks.Task.FromResult(payload!["inner"]));

        var result = await integration.InvokeAsync(
            Task(Invoke, new JsonObject { ["FunctionName"] = "erase", ["Payload"] = new JsonObject { ["inner"] = new JsonObject { ["a"] = 1 } } }),
            CancellationToken.None);

        result!["Payload"]!["a"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task InvokeAsync_EventInvocation_AnswersAcceptedAndRunsTheFunctionInTheBackground()
    {
        var ran = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        registry.Register("erase", (payload, _, _) =>
        {
            ran.SetResult(payload);
            return System.Threading.Tasks.Task.FromResult<JsonNode?>(null);
        });

        var result = await integration.InvokeAsync(
            Task(Invoke, new JsonObject { ["FunctionName"] = "erase", ["InvocationType"] = "Event", ["Payload"] = new JsonObject { ["id"] = 1 } }),
            CancellationToken.None);
        await integration.WaitForAsyncInvocationsAsync();

        result!["StatusCode"]!.GetValue<int>().Should().Be(202);
        result["Payload"]!.GetValue<string>().Should().BeEmpty();
        (await ran.Task)!["id"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task InvokeAsync_WaitForTaskToken_InvokesWithThePayloadHoldingTheToken()
    {
        JsonNode? received = null;
        registry.Register("erase", (payload, _, _) => System.Threading.Tasks.Task.FromResult(received = payload));
        var parameters = new JsonObject { ["FunctionName"] = "erase", ["Payload"] = new JsonObject { ["TaskToken"] = "tok-1" } };

        await integration.InvokeAsync(Task(Invoke, parameters, pattern: IntegrationPattern.WaitForTaskToken, token: "tok-1"), CancellationToken.None);

        received!["TaskToken"]!.GetValue<string>().Should().Be("tok-1");
    }

    [Fact]
    public async Task InvokeAsync_SyncPattern_IsRefused()
    {
        var failure = await CatchFailure(() => integration.InvokeAsync(
            Task(Invoke, new JsonObject { ["FunctionName"] = "erase" }, pattern: IntegrationPattern.Sync),
            CancellationToken.None));

        failure.Error.Should().Be("States.Runtime");
    }

    private void BindFixtures(ConformanceCase testCase)
    {
        foreach (var fixture in testCase.Fixtures)
        {
            registry.Register(fixture.FunctionName, LambdaFixtures.For(fixture.HandlerFile, time));
        }
    }

    /// <summary>The corpus' Parameters here are all <c>"Field.$": "$.Field"</c>.</summary>
    private static JsonObject EvaluateParameters(JsonNode parameters, JsonNode input)
    {
        var result = new JsonObject();
        foreach (var (key, value) in parameters.AsObject())
        {
            result[key.TrimEnd('$').TrimEnd('.')] = key.EndsWith(".$", StringComparison.Ordinal)
                ? input[value!.GetValue<string>()[2..]]?.DeepClone()
                : value?.DeepClone();
        }

        return result;
    }

    private static TaskInvocation Task(
        string resource,
        JsonNode? parameters,
        string key = "exec/Erase/0",
        IntegrationPattern pattern = IntegrationPattern.RequestResponse,
        string? token = null,
        int? timeoutSeconds = null) =>
        new(resource, pattern, parameters?.DeepClone(), key, token, "arn:aws:states:us-east-1:111111111111:execution:sm:exec", "Erase", 0, timeoutSeconds);

    private static CaseOutcome Succeeded(JsonNode output) => new("SUCCEEDED", output.ToJsonString(), null, null);

    private static string RequestId(JsonNode? envelope) => envelope!["SdkResponseMetadata"]!["RequestId"]!.GetValue<string>();

    private static async Task<TaskFailedException> CatchFailure(Func<Task<JsonNode?>> invoke)
    {
        var assertion = await FluentActions.Awaiting(invoke).Should().ThrowAsync<TaskFailedException>();
        return assertion.Which;
    }
}
