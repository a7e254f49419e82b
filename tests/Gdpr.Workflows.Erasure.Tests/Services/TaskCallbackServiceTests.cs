using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class TaskCallbackServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task CompleteAsync_Answer_SendsExactlyOutcomeAndReceipt()
    {
        _h.Workflow.Issue("t1");

        await _h.Callbacks.CompleteAsync("t1", ErasureAnswer.Erased("ticket-42"));

        var output = JsonNode.Parse(_h.Workflow.AnswerOf("t1").Output!)!.AsObject();
        output.Select(p => p.Key).Should().Equal("outcome", "receipt");
        ErasureAnswer.FromJson(output).Should().Be(ErasureAnswer.Erased("ticket-42"));
    }

    [Fact]
    public async Task CompleteAsync_TokenUsedTwice_ConflictTheSecondTime()
    {
        _h.Workflow.Issue("t1");
        await _h.Callbacks.CompleteAsync("t1", ErasureAnswer.Erased("ticket-42"));

        var act = () => _h.Callbacks.CompleteAsync("t1", ErasureAnswer.NotHeld("ticket-42"));

        (await act.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Contain("works once");
        ErasureAnswer.FromJson(JsonNode.Parse(_h.Workflow.AnswerOf("t1").Output!)).Outcome.Should().Be(ErasureOutcome.Erased);
    }

    [Fact]
    public async Task CompleteAsync_UnknownToken_NotFound()
    {
        var act = () => _h.Callbacks.CompleteAsync("forged", ErasureAnswer.Erased("x"));

        (await act.Should().ThrowAsync<NotFoundException>()).Which.Message.Should().NotContain("forged");
    }

    [Fact]
    public async Task HeartbeatAsync_OpenTask_Delivered()
    {
        _h.Workflow.Issue("t1");

        await _h.Callbacks.HeartbeatAsync("t1");
        await _h.Callbacks.HeartbeatAsync("t1");

        _h.Workflow.HeartbeatCount.Should().Be(2);
    }

    [Fact]
    public async Task HeartbeatAsync_AfterTheAnswer_Conflict()
    {
        _h.Workflow.Issue("t1");
        await _h.Callbacks.CompleteAsync("t1", ErasureAnswer.Erased("x"));

        var act = () => _h.Callbacks.HeartbeatAsync("t1");

        await act.Should().ThrowAsync<ConflictException>();
    }

    [Fact]
    public async Task FailAsync_Transient_AsksToBeAskedAgain()
    {
        _h.Workflow.Issue("t1");

        await _h.Callbacks.FailAsync("t1", ErasureErrorTypes.TransientError);

        _h.Workflow.AnswerOf("t1").Error.Should().Be("Erasure.TransientError");
    }

    [Theory]
    [InlineData("")]
    [InlineData("could not find bob@example.com")]
    public async Task FailAsync_NotAnErrorName_InvalidInput(string error)
    {
        _h.Workflow.Issue("t1");

        var act = () => _h.Callbacks.FailAsync("t1", error);

        await act.Should().ThrowAsync<InvalidInputException>();
    }

    [Fact]
    public async Task CompleteAsync_MalformedToken_InvalidInput()
    {
        var act = () => _h.Callbacks.CompleteAsync(new string('x', 1025), ErasureAnswer.Erased("x"));

        await act.Should().ThrowAsync<InvalidInputException>();
    }

    [Fact]
    public async Task DecideIdentityAsync_Verified_GoesThroughVerification()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());
        var id = intake.RequestId;
        await _h.Ledger.RequestStartedAsync(id, ServiceHarness.ExecutionOf(id));
        _h.Workflow.Issue("vt");
        await _h.Verification.AwaitVerificationAsync(id, ServiceHarness.ExecutionOf(id), "vt");

        var decision = await _h.Callbacks.DecideIdentityAsync(id, true, "id-document", "officer-1");

        decision.Verification.Should().Be(VerificationState.Verified);
        _h.Workflow.AnswerOf("vt").Output.Should().Be("""{"verified":true}""");
    }
}
