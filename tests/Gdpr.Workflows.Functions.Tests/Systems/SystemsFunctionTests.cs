using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.Systems;

public sealed class SystemsFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    [Fact]
    public async Task HandleAsync_KnownRequest_ListsEverySystemWithExactlyTheMapFields()
    {
        var requestId = await _harness.StartedRequestAsync();

        var answer = await _harness.Function("Systems").HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);

        var systems = answer!["systems"]!.AsArray();
        systems.Select(s => s!["system"]!.GetValue<string>()).Should().Equal("orders", "crm", "support-desk");
        systems.Should().AllSatisfy(s => s!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("system", "mode", "heartbeatSeconds", "timeoutSeconds", "expectedBy", "respondBy"));
        systems[2]!["mode"]!.GetValue<string>().Should().Be("async");
        systems[2]!["heartbeatSeconds"]!.GetValue<int>().Should().Be(3600);
    }

    [Fact]
    public async Task HandleAsync_Repeated_AnswersTheSame()
    {
        var requestId = await _harness.StartedRequestAsync();
        var systems = _harness.Function("Systems");

        var first = await systems.HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);
        var second = await systems.HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);

        JsonNode.DeepEquals(first, second).Should().BeTrue();
    }

    [Fact]
    public async Task HandleAsync_NoExecutionId_FailsAsInvalidInput()
    {
        var act = () => _harness.Function("Systems").HandleAsync(new JsonObject { ["requestId"] = "req-000001" }, CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.InvalidInput");
    }

    [Fact]
    public async Task HandleAsync_UnknownRequest_FailsAsNotFound()
    {
        var act = () => _harness.Function("Systems").HandleAsync(FunctionHarness.StepPayload("req-424242"), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.NotFound");
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNoIdentifiers()
    {
        var requestId = await _harness.StartedRequestAsync();

        (await _harness.Function("Systems").HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None)).ShouldHoldNoPersonalData();
    }

    public void Dispose() => _harness.Dispose();
}
