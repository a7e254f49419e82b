using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.Verification;

public sealed class VerificationFunctionTests : IDisposable
{
    private const string Token = "AQCEAAAAKgAAAAMAAAAAAAAAAbcdef-token";
    private readonly FunctionHarness _harness = new();

    [Fact]
    public async Task HandleAsync_RequestAwaitingVerification_StoresTokenAndTellsOfficers()
    {
        var requestId = await _harness.StartedRequestAsync(authenticated: false);

        var answer = await _harness.Function("Verification").HandleAsync(FunctionHarness.StepPayload(requestId, ("taskToken", Token)), CancellationToken.None);

        answer!["status"]!.GetValue<string>().Should().Be("AwaitingVerification");
        (await _harness.Tokens.GetAsync(requestId, "identity-verification"))!.TaskToken.Should().Be(Token);
        _harness.Officers.Notices.Should().ContainSingle(n => n.Kind == "VerificationRequested" && n.RequestId == requestId);
    }

    [Fact]
    public async Task HandleAsync_Repeated_TellsOfficersOnce()
    {
        var requestId = await _harness.StartedRequestAsync(authenticated: false);
        var verification = _harness.Function("Verification");

        var first = await verification.HandleAsync(FunctionHarness.StepPayload(requestId, ("taskToken", Token)), CancellationToken.None);
        var second = await verification.HandleAsync(FunctionHarness.StepPayload(requestId, ("taskToken", Token)), CancellationToken.None);

        JsonNode.DeepEquals(first, second).Should().BeTrue();
        _harness.Officers.Notices.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleAsync_NoTaskToken_FailsAsInvalidInput()
    {
        var requestId = await _harness.StartedRequestAsync(authenticated: false);

        var act = () => _harness.Function("Verification").HandleAsync(FunctionHarness.StepPayload(requestId), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.InvalidInput");
    }

    [Fact]
    public async Task HandleAsync_RequestNotAwaitingVerification_FailsAsConflict()
    {
        var requestId = await _harness.StartedRequestAsync(authenticated: true);

        var act = () => _harness.Function("Verification").HandleAsync(FunctionHarness.StepPayload(requestId, ("taskToken", Token)), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.Conflict");
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNeitherIdentifiersNorTheToken()
    {
        var requestId = await _harness.StartedRequestAsync(authenticated: false);

        var answer = await _harness.Function("Verification").HandleAsync(FunctionHarness.StepPayload(requestId, ("taskToken", Token)), CancellationToken.None);

        answer.ShouldHoldNoPersonalData();
        answer!.ToJsonString().Should().NotContain(Token);
    }

    [Fact]
    public async Task HandleAsync_Review_AnswersNextAndWaitSeconds()
    {
        var requestId = await _harness.StartedRequestAsync(authenticated: false);

        var answer = await _harness.Function("Verification").HandleAsync(FunctionHarness.StepPayload(requestId, ("action", "review")), CancellationToken.None);

        answer!["next"]!.GetValue<string>().Should().Be("wait");
        answer["waitingOn"]!.GetValue<string>().Should().Be("requester");
        answer["waitSeconds"]!.GetValue<int>().Should().BePositive();
    }

    public void Dispose() => _harness.Dispose();
}
