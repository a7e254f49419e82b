using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.SyncErase;

public sealed class SyncEraseFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    [Fact]
    public async Task HandleAsync_SystemErases_AnswersOutcomeAndReceipt()
    {
        var requestId = await _harness.StartedRequestAsync();

        var answer = await _harness.Function("SyncErase").HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "crm")), CancellationToken.None);

        answer!["outcome"]!.GetValue<string>().Should().Be("erased");
        answer["receipt"]!["reference"]!.GetValue<string>().Should().Be("crm:deleted=1");
    }

    [Fact]
    public async Task HandleAsync_SystemRetainsUnderArticle17_3_AnswersRetainedWithGround()
    {
        var requestId = await _harness.StartedRequestAsync();

        var answer = await _harness.Function("SyncErase").HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "orders")), CancellationToken.None);

        answer!["outcome"]!.GetValue<string>().Should().Be("retained");
        answer["receipt"]!["ground"]!.GetValue<string>().Should().Be("Art. 17(3)(b)");
    }

    [Fact]
    public async Task HandleAsync_Repeated_AnswersTheSame()
    {
        var requestId = await _harness.StartedRequestAsync();
        var erase = _harness.Function("SyncErase");

        var first = await erase.HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "crm")), CancellationToken.None);
        var second = await erase.HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "crm")), CancellationToken.None);

        JsonNode.DeepEquals(first, second).Should().BeTrue();
    }

    [Fact]
    public async Task HandleAsync_NoSystem_FailsAsInvalidInput()
    {
        var requestId = await _harness.StartedRequestAsync();

        var act = () => _harness.Function("SyncErase").HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.InvalidInput");
    }

    [Fact]
    public async Task HandleAsync_ConnectorTemporarilyDown_FailsAsTransientError()
    {
        var requestId = await _harness.StartedRequestAsync();
        _harness.Crm.Failure = new TransientConnectorException("crm is locked");

        var act = () => _harness.Function("SyncErase").HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "crm")), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.TransientError");
    }

    [Fact]
    public async Task HandleAsync_ConnectorFailsWithPersonalDataInItsMessage_ErrorWithholdsIt()
    {
        var requestId = await _harness.StartedRequestAsync();
        _harness.Crm.Failure = new InvalidOperationException($"no row for {FunctionHarness.Email}");

        var act = () => _harness.Function("SyncErase").HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "crm")), CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<LambdaFunctionException>()).Which;
        failure.Message.ShouldHoldNoPersonalData();
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNoIdentifiers()
    {
        var requestId = await _harness.StartedRequestAsync();

        (await _harness.Function("SyncErase").HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "orders")), CancellationToken.None)).ShouldHoldNoPersonalData();
    }

    public void Dispose() => _harness.Dispose();
}
