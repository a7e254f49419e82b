using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.Ledger;

public sealed class LedgerFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    [Fact]
    public async Task HandleAsync_RequestStartedForUnverifiedRequest_AnswersVerificationNeededAndHorizon()
    {
        var requestId = await _harness.SubmitAsync(authenticated: false);

        var answer = await _harness.Function("Ledger").HandleAsync(FunctionHarness.StepPayload(requestId, ("event", "RequestStarted")), CancellationToken.None);

        answer!["needsVerification"]!.GetValue<bool>().Should().BeTrue();
        answer["deadlineHorizonSeconds"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(1);
        answer.AsObject().Select(p => p.Key).Should().BeEquivalentTo("needsVerification", "deadlineHorizonSeconds");
    }

    [Fact]
    public async Task HandleAsync_SystemErasedTwice_SecondAnswerIsTheSameAndAuditIsWrittenOnce()
    {
        var requestId = await _harness.StartedRequestAsync();
        var payload = FunctionHarness.StepPayload(requestId, ("event", "SystemErased"), ("system", "crm"),
            ("erasure", new JsonObject { ["outcome"] = "erased", ["receipt"] = "crm:deleted=1" }));
        var ledger = _harness.Function("Ledger");

        var first = await ledger.HandleAsync(payload.DeepClone(), CancellationToken.None);
        var auditAfterFirst = (await _harness.AuditStore.ReadAllAsync(requestId)).Count;
        var second = await ledger.HandleAsync(payload.DeepClone(), CancellationToken.None);

        first!["applied"]!.GetValue<bool>().Should().BeTrue();
        first["system"]!.GetValue<string>().Should().Be("crm");
        JsonNode.DeepEquals(first, second).Should().BeTrue();
        (await _harness.AuditStore.ReadAllAsync(requestId)).Should().HaveCount(auditAfterFirst);
    }

    [Fact]
    public async Task HandleAsync_ExecutionEndedFromEventBridge_IsRecorded()
    {
        var requestId = await _harness.StartedRequestAsync();

        var answer = await _harness.Function("Ledger").HandleAsync(
            FunctionHarness.StepPayload(requestId, ("event", "ExecutionEnded"), ("status", "TIMED_OUT")), CancellationToken.None);

        answer!["event"]!.GetValue<string>().Should().Be("ExecutionEnded");
    }

    [Theory]
    [InlineData("""{"requestId": "req-000001", "executionId": "arn:x"}""")]
    [InlineData("""{"event": "NoSuchEvent", "requestId": "req-000001", "executionId": "arn:x"}""")]
    [InlineData("""{"event": "SystemErased", "requestId": "req-000001", "executionId": "arn:x", "system": "crm"}""")]
    [InlineData("""[1, 2]""")]
    public async Task HandleAsync_MalformedEvent_FailsAsInvalidInput(string payload)
    {
        var act = () => _harness.Function("Ledger").HandleAsync(JsonNode.Parse(payload), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.InvalidInput");
    }

    [Fact]
    public async Task HandleAsync_UnknownRequest_FailsAsNotFound()
    {
        var act = () => _harness.Function("Ledger").HandleAsync(FunctionHarness.StepPayload("req-999999", ("event", "RequestStarted")), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.NotFound");
    }

    [Fact]
    public async Task HandleAsync_AnyEvent_AnswersWithoutIdentifiers()
    {
        var requestId = await _harness.SubmitAsync(authenticated: false);

        var answer = await _harness.Function("Ledger").HandleAsync(FunctionHarness.StepPayload(requestId, ("event", "RequestStarted")), CancellationToken.None);

        answer.ShouldHoldNoPersonalData();
    }

    public void Dispose() => _harness.Dispose();
}
