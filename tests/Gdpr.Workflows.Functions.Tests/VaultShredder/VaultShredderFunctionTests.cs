using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.VaultShredder;

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

        var answer = await shredder.HandleAsync(FunctionHarness.StepPayload(requestId, ("reason", "ABORTED")), CancellationToken.None);

        answer!["outcome"]!.GetValue<string>().Should().Be("already-shredded");
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

    public void Dispose() => _harness.Dispose();
}
