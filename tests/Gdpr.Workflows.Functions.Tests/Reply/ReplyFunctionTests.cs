using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.Reply;

public sealed class ReplyFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    private static JsonArray Outcomes() => new(
        new JsonObject { ["system"] = "crm", ["result"] = "erased", ["erasure"] = "erased", ["recipients"] = "sent" });

    [Fact]
    public async Task HandleAsync_ClosedRequest_SendsOnceAndAnswersTheHash()
    {
        var requestId = await _harness.StartedRequestAsync();
        await _harness.Function("Finalizer").HandleAsync(FunctionHarness.StepPayload(requestId, ("outcomes", Outcomes())), CancellationToken.None);
        var reply = _harness.Function("Reply");

        var first = await reply.HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);
        var second = await reply.HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);

        first!["sha256"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{64}$");
        first["sentNow"]!.GetValue<bool>().Should().BeTrue();
        second!["sentNow"]!.GetValue<bool>().Should().BeFalse();
        second["sha256"]!.GetValue<string>().Should().Be(first["sha256"]!.GetValue<string>());
        first.ShouldHoldNoPersonalData();
    }

    [Fact]
    public async Task HandleAsync_OpenRequest_FailsAsConflict()
    {
        var requestId = await _harness.StartedRequestAsync();

        var act = () => _harness.Function("Reply").HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().StartWith("Erasure.");
    }

    public void Dispose() => _harness.Dispose();
}
