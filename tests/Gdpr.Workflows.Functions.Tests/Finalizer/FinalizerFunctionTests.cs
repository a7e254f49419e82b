using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.Finalizer;

public sealed class FinalizerFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    private static JsonArray Outcomes() => new(
        new JsonObject { ["system"] = "orders", ["result"] = "erased", ["erasure"] = "retained", ["recipients"] = "sent" },
        new JsonObject { ["system"] = "crm", ["result"] = "erased", ["erasure"] = "erased", ["recipients"] = "sent" },
        new JsonObject { ["system"] = "support-desk", ["result"] = "no_response", ["error"] = "States.Timeout" });

    [Fact]
    public async Task HandleAsync_MixedOutcomes_AnswersStatusAndCounts()
    {
        var requestId = await _harness.StartedRequestAsync();

        var answer = await _harness.Function("Finalizer").HandleAsync(FunctionHarness.StepPayload(requestId, ("outcomes", Outcomes())), CancellationToken.None);

        answer!["status"]!.GetValue<string>().Should().Be("CompletedWithExceptions");
        answer["counts"]!["systems"]!.GetValue<int>().Should().Be(3);
        answer["counts"]!["noResponse"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task HandleAsync_Repeated_FirstStoredStatusWins()
    {
        var requestId = await _harness.StartedRequestAsync();
        var finalizer = _harness.Function("Finalizer");

        var first = await finalizer.HandleAsync(FunctionHarness.StepPayload(requestId, ("outcomes", Outcomes())), CancellationToken.None);
        var second = await finalizer.HandleAsync(FunctionHarness.StepPayload(requestId, ("outcomes", new JsonArray())), CancellationToken.None);

        JsonNode.DeepEquals(first, second).Should().BeTrue();
    }

    [Fact]
    public async Task HandleAsync_OutcomesNotAnArray_FailsAsInvalidInput()
    {
        var requestId = await _harness.StartedRequestAsync();

        var act = () => _harness.Function("Finalizer").HandleAsync(FunctionHarness.StepPayload(requestId, ("outcomes", "all fine")), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.InvalidInput");
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNoIdentifiers()
    {
        var requestId = await _harness.StartedRequestAsync();

        (await _harness.Function("Finalizer").HandleAsync(FunctionHarness.StepPayload(requestId, ("outcomes", Outcomes())), CancellationToken.None)).ShouldHoldNoPersonalData();
    }

    public void Dispose() => _harness.Dispose();
}
