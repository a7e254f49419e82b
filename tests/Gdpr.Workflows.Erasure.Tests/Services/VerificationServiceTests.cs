using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class VerificationServiceTests : IDisposable
{
    private const string Token = "AQB8AAAAKgAAAAMAAAAAAAAAAZ-token-1";
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task<string> WaitingRequestAsync()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());
        var id = intake.RequestId;
        await _h.Ledger.RequestStartedAsync(id, ServiceHarness.ExecutionOf(id));
        _h.Workflow.Issue(Token);
        await _h.Verification.AwaitVerificationAsync(id, ServiceHarness.ExecutionOf(id), Token);
        return id;
    }

    [Fact]
    public async Task AwaitVerificationAsync_Waiting_StoresTheTokenTellsTheOfficersAndAudits()
    {
        var id = await WaitingRequestAsync();

        var stored = await _h.Tokens.GetAsync(id, TaskTokenPurposes.IdentityVerification);
        stored!.TaskToken.Should().Be(Token);
        stored.ExpiresAt.Should().Be(new DateTimeOffset(2025, 4, 3, 23, 0, 0, TimeSpan.Zero));
        _h.Officers.Notices.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Kind = "VerificationRequested", RequestId = id });
        (await _h.AuditOfAsync(id)).Should().ContainSingle(e => e.Type == AuditEventType.VerificationRequested);
    }

    [Fact]
    public async Task AwaitVerificationAsync_Repeated_TellsAndAuditsOnce()
    {
        var id = await WaitingRequestAsync();

        await _h.Verification.AwaitVerificationAsync(id, ServiceHarness.ExecutionOf(id), Token);

        _h.Officers.Notices.Should().ContainSingle();
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.VerificationRequested).Should().Be(1);
    }

    [Fact]
    public async Task AwaitVerificationAsync_VerifiedBeforeTheStepRanAgain_AnswersTheNewTokenWithTheDecision()
    {
        var id = await WaitingRequestAsync();
        await _h.Verification.VerifyAsync(id, "id-document", "officer-7");
        const string rerunToken = "AQB8AAAAKgAAAAMAAAAAAAAAAZ-token-2";
        _h.Workflow.Issue(rerunToken);

        var decision = await _h.Verification.AwaitVerificationAsync(id, ServiceHarness.ExecutionOf(id), rerunToken);

        decision.Verification.Should().Be(VerificationState.Verified);
        _h.Workflow.AnswerOf(rerunToken).Output.Should().Be("""{"verified":true}""");
        _h.Officers.Notices.Should().ContainSingle("the officers were told once, when the request first waited");
    }

    [Fact]
    public async Task AwaitVerificationAsync_RejectedBeforeTheStepRanAgain_FailsTheNewTokenWithIdentityRejected()
    {
        var id = await WaitingRequestAsync();
        await _h.Verification.RejectAsync(id, "documents-mismatch", "officer-7");
        const string rerunToken = "AQB8AAAAKgAAAAMAAAAAAAAAAZ-token-2";
        _h.Workflow.Issue(rerunToken);

        await _h.Verification.AwaitVerificationAsync(id, ServiceHarness.ExecutionOf(id), rerunToken);

        _h.Workflow.AnswerOf(rerunToken).Error.Should().Be(ErasureErrorTypes.IdentityRejected);
        _h.Workflow.AnswerOf(rerunToken).Cause.Should().Contain("documents-mismatch");
    }

    [Fact]
    public async Task AwaitVerificationAsync_NoVerificationNeeded_Conflict()
    {
        var id = await _h.StartedRequestAsync(authenticated: true);

        var act = () => _h.Verification.AwaitVerificationAsync(id, ServiceHarness.ExecutionOf(id), Token);

        await act.Should().ThrowAsync<ConflictException>();
    }

    [Fact]
    public async Task VerifyAsync_TenDaysLater_ClockStartsOnTheVerificationDayAndTheWorkflowContinues()
    {
        var id = await WaitingRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(10));

        var decision = await _h.Verification.VerifyAsync(id, "id-document", "officer-7");

        decision.Should().Be(new Erasure.Services.VerificationDecision(id, RequestStatus.InProgress, VerificationState.Verified, new DateOnly(2025, 4, 14), false));
        var request = await _h.RequestAsync(id);
        request.Deadline.ClockStart.Should().Be(Erasure.Deadlines.ClockStart.OnIdentityVerified(new DateOnly(2025, 3, 13)));
        request.Verification.Should().BeEquivalentTo(new { Method = "id-document", DecidedBy = "officer-7", DecidedAt = ServiceHarness.Start.AddDays(10) });
        _h.Workflow.AnswerOf(Token).Output.Should().Be("""{"verified":true}""");
        (await _h.Tokens.GetAsync(id, TaskTokenPurposes.IdentityVerification)).Should().BeNull();
        (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.IdentityVerified).Details.Should().Contain("clockStart", "2025-03-13");
    }

    [Fact]
    public async Task VerifyAsync_Repeated_SameDecisionNothingSentTwice()
    {
        var id = await WaitingRequestAsync();
        var first = await _h.Verification.VerifyAsync(id, "id-document", "officer-7");
        var version = (await _h.RequestAsync(id)).Version;

        var again = await _h.Verification.VerifyAsync(id, "id-document", "officer-7");

        again.Should().Be(first);
        (await _h.RequestAsync(id)).Version.Should().Be(version);
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.IdentityVerified).Should().Be(1);
    }

    [Fact]
    public async Task VerifyAsync_CrashedBeforeSending_RepeatDeliversTheDecision()
    {
        var id = await WaitingRequestAsync();
        var request = await _h.RequestAsync(id);
        await _h.Requests.TryReplaceAsync(request with
        {
            Version = request.Version + 1,
            Verification = IdentityVerification.Verified("id-document", ServiceHarness.Start, "officer-7"),
        }, request.Version);

        await _h.Verification.VerifyAsync(id, "id-document", "officer-7");

        _h.Workflow.AnswerOf(Token).Output.Should().NotBeNull();
    }

    [Fact]
    public async Task VerifyAsync_OtherMethodAfterVerified_Conflict()
    {
        var id = await WaitingRequestAsync();
        await _h.Verification.VerifyAsync(id, "id-document", "officer-7");

        var act = () => _h.Verification.VerifyAsync(id, "video-call", "officer-8");

        await act.Should().ThrowAsync<ConflictException>();
    }

    [Fact]
    public async Task VerifyAsync_WorkflowNotWaitingYet_ConflictAndNothingRecorded()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());

        var act = () => _h.Verification.VerifyAsync(intake.RequestId, "id-document", "officer-7");

        await act.Should().ThrowAsync<ConflictException>().WithMessage("*not waiting*");
        (await _h.RequestAsync(intake.RequestId)).Verification.State.Should().Be(VerificationState.Awaiting);
    }

    [Fact]
    public async Task VerifyAsync_WaitTimedOut_ConflictSaysTheWorkflowDidNotTakeIt()
    {
        var id = await WaitingRequestAsync();
        _h.Workflow.TimeOut(Token);

        var act = () => _h.Verification.VerifyAsync(id, "id-document", "officer-7");

        await act.Should().ThrowAsync<ConflictException>().WithMessage("*has ended*");
    }

    [Fact]
    public async Task VerifyAsync_TokenUnknownToTheEngine_NotFound()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());
        var id = intake.RequestId;
        await _h.Ledger.RequestStartedAsync(id, ServiceHarness.ExecutionOf(id));
        await _h.Verification.AwaitVerificationAsync(id, ServiceHarness.ExecutionOf(id), "never-issued");

        var act = () => _h.Verification.VerifyAsync(id, "id-document", "officer-7");

        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task RejectAsync_Waiting_FailsTheTaskWithIdentityRejected()
    {
        var id = await WaitingRequestAsync();

        var decision = await _h.Verification.RejectAsync(id, "documents-mismatch", "officer-7");

        decision.Verification.Should().Be(VerificationState.Rejected);
        _h.Workflow.AnswerOf(Token).Error.Should().Be(ErasureErrorTypes.IdentityRejected);
        _h.Workflow.AnswerOf(Token).Cause.Should().Contain("documents-mismatch");
        (await _h.AuditOfAsync(id)).Should().ContainSingle(e => e.Type == AuditEventType.RequestRejected);
    }

    [Fact]
    public async Task RejectAsync_Repeated_NothingChangesOrIsSentTwice()
    {
        var id = await WaitingRequestAsync();
        await _h.Verification.RejectAsync(id, "documents-mismatch", "officer-7");

        var again = await _h.Verification.RejectAsync(id, "documents-mismatch", "officer-7");

        again.Verification.Should().Be(VerificationState.Rejected);
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.RequestRejected).Should().Be(1);
    }

    [Fact]
    public async Task VerifyAsync_AfterRejection_Conflict()
    {
        var id = await WaitingRequestAsync();
        await _h.Verification.RejectAsync(id, "documents-mismatch", "officer-7");

        var act = () => _h.Verification.VerifyAsync(id, "id-document", "officer-7");

        await act.Should().ThrowAsync<ConflictException>();
    }

    [Theory]
    [InlineData("ID Document")]
    [InlineData("")]
    [InlineData("alice@example.com")]
    public async Task VerifyAsync_MethodNotACode_InvalidInput(string method)
    {
        var id = await WaitingRequestAsync();

        var act = () => _h.Verification.VerifyAsync(id, method, "officer-7");

        await act.Should().ThrowAsync<InvalidInputException>();
    }
}
