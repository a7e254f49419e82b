using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.VaultShredder;

/// <summary>
/// The adapter: its three callers' payloads reach the right service (the policy itself is tested in the domain's
/// ExecutionEndedShreddingTests), bad input fails as InvalidInput, and answers hold no identifiers.
/// </summary>
public sealed class VaultShredderFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    [Fact]
    public async Task HandleAsync_SealedSubject_ShredsTheKey()
    {
        var requestId = await _harness.StartedRequestAsync();

        var answer = await _harness.Function("VaultShredder").HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);

        answer!["outcome"]!.GetValue<string>().Should().Be("shredded");
        (await _harness.VaultStore.GetKeyAsync(requestId)).Should().BeNull();
    }

    [Fact]
    public async Task HandleAsync_Repeated_AnswersWhatTheFirstCallFound()
    {
        var requestId = await _harness.StartedRequestAsync();
        var shredder = _harness.Function("VaultShredder");

        var first = await shredder.HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);
        var second = await shredder.HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);

        JsonNode.DeepEquals(first, second).Should().BeTrue();
    }

    [Fact]
    public async Task HandleAsync_FromExecutionEndedRuleAfterTheWorkflowShredded_Succeeds()
    {
        var requestId = await _harness.StartedRequestAsync();
        var shredder = _harness.Function("VaultShredder");
        await shredder.HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);
        await CancelAsync(requestId);

        var answer = await shredder.HandleAsync(FunctionHarness.StepPayload(requestId, ("reason", "ABORTED")), CancellationToken.None);

        answer!["outcome"]!.GetValue<string>().Should().Be("already-shredded");
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("TIMED_OUT")]
    public async Task HandleAsync_ExecutionFailedAndLedgerClosedTheRequest_KeepsTheVaultForARedrive(string status)
    {
        var requestId = await _harness.StartedRequestAsync();
        await _harness.Function("Ledger").HandleAsync(
            FunctionHarness.StepPayload(requestId, ("event", "ExecutionEnded"), ("status", status)), CancellationToken.None);

        var answer = await _harness.Function("VaultShredder").HandleAsync(FunctionHarness.StepPayload(requestId, ("reason", status)), CancellationToken.None);

        answer!["outcome"]!.GetValue<string>().Should().Be("kept-for-redrive");
        (await _harness.VaultStore.GetKeyAsync(requestId)).Should().NotBeNull();
    }

    [Fact]
    public async Task HandleAsync_SweepWithoutExecutionLookup_FailsRatherThanGuessing()
    {
        var act = () => _harness.Function("VaultShredder").HandleAsync(new JsonObject { ["sweep"] = "redrive-window" }, CancellationToken.None);

        await act.Should().ThrowAsync<LambdaFunctionException>();
    }

    [Fact]
    public async Task HandleAsync_NoRequestId_FailsAsInvalidInput()
    {
        var act = () => _harness.Function("VaultShredder").HandleAsync(new JsonObject { ["executionId"] = "arn:x" }, CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.InvalidInput");
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNoIdentifiers()
    {
        var requestId = await _harness.StartedRequestAsync();

        (await _harness.Function("VaultShredder").HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None)).ShouldHoldNoPersonalData();
    }

    private async Task CancelAsync(string requestId) =>
        await _harness.Function("Cancel").HandleAsync(HttpEvents.Post($"/requests/{requestId}/cancel", null, pathParameters: HttpEvents.RequestId(requestId)), CancellationToken.None);

    public void Dispose() => _harness.Dispose();
}
