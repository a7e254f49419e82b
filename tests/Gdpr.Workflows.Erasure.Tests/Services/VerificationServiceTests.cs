using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;

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
        // Kept for the longest period from now (Mon 3 Mar 2025 + 3 months): an officer's undecided check never expires.
        stored.ExpiresAt.Should().Be(new DateTimeOffset(2025, 6, 3, 23, 0, 0, TimeSpan.Zero));
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

    [Fact]
    public async Task VerifyAsync_InformationArrivedEarlier_ClockStartsTheDayItArrived()
    {
        var id = await WaitingRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(7)); // the officer decides on Mon 10 Mar 2025

        await _h.Verification.VerifyAsync(id, "id-document", new DateOnly(2025, 3, 5), "officer-7");

        // The passport copy arrived Wed 5 Mar 2025: + 1 month = Sat 5 Apr → Mon 7 Apr 2025 (not Thu 10 Apr from the decision).
        var request = await _h.RequestAsync(id);
        request.Deadline.ClockStart!.Value.Date.Should().Be(new DateOnly(2025, 3, 5));
        request.Deadline.DueDate.Should().Be(new DateOnly(2025, 4, 7));
    }

    [Theory]
    [InlineData("2025-03-02")] // before the request arrived (Mon 3 Mar)
    [InlineData("2025-03-04")] // tomorrow
    public async Task VerifyAsync_ArrivalOutsideReceiptToToday_InvalidInput(string arrived)
    {
        var id = await WaitingRequestAsync();

        var act = () => _h.Verification.VerifyAsync(id, "id-document", DateOnly.Parse(arrived, System.Globalization.CultureInfo.InvariantCulture), "officer-7");

        await act.Should().ThrowAsync<InvalidInputException>();
    }

    [Fact]
    public async Task ReviewWaitAsync_RequesterNeverSends_RemindsThenClosesNeverRejects()
    {
        var id = await WaitingRequestAsync();
        var execution = ServiceHarness.ExecutionOf(id);

        // Asked on receipt, Mon 3 Mar 2025 09:30 UTC. Reminder after 14 days: Mon 17 Mar, 00:00 London (GMT) is 14 days
        // less 9.5 hours away.
        var first = await _h.Verification.ReviewWaitAsync(id, execution);
        first.Should().Be(new IdentityWaitReview(id, "wait", (14 * 86_400) - (9 * 3600) - 1800, "requester"));

        _h.Time.Advance(TimeSpan.FromDays(14));
        var reminded = await _h.Verification.ReviewWaitAsync(id, execution);
        // Closes after 30 days: Wed 2 Apr 2025, 00:00 London = 1 Apr 23:00 UTC (BST from 30 Mar); now Mon 17 Mar 09:30 UTC.
        reminded.Next.Should().Be("wait");
        reminded.WaitSeconds.Should().Be((int)(new DateTimeOffset(2025, 4, 1, 23, 0, 0, TimeSpan.Zero) - ServiceHarness.Start.AddDays(14)).TotalSeconds);
        _h.Officers.Notices.Should().ContainSingle(n => n.Kind == "RequesterReminded");
        (await _h.RequestAsync(id)).Verification.RemindedOn.Should().Be(new DateOnly(2025, 3, 17));

        _h.Time.Advance(TimeSpan.FromDays(16)); // Wed 2 Apr 2025
        var close = await _h.Verification.ReviewWaitAsync(id, execution);
        await _h.Ledger.IdentityNotProvidedAsync(id, execution);

        close.Next.Should().Be("close");
        var closed = await _h.RequestAsync(id);
        closed.Status.Should().Be(RequestStatus.IdentityNotProvided);
        closed.Verification.State.Should().Be(VerificationState.NotProvided);
        (await _h.AuditOfAsync(id)).Should().NotContain(e => e.Type == AuditEventType.RequestRejected || e.Type == AuditEventType.IdentityRejected);
    }

    [Fact]
    public async Task ReviewWaitAsync_NotRemindedYetPastThePeriod_RemindsFirstAndWaitsADay()
    {
        var id = await WaitingRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(40)); // nothing reviewed the wait until Sat 12 Apr 2025 (a host was down)

        var review = await _h.Verification.ReviewWaitAsync(id, ServiceHarness.ExecutionOf(id));

        review.Next.Should().Be("wait"); // reminded today; closes tomorrow at the earliest
        _h.Officers.Notices.Should().Contain(n => n.Kind == "RequesterReminded");
    }

    [Fact]
    public async Task ReviewWaitAsync_OfficerSlow_EscalatesAndNeverCloses()
    {
        var id = await WaitingRequestAsync();
        var execution = ServiceHarness.ExecutionOf(id);
        _h.Time.Advance(TimeSpan.FromDays(2));
        await _h.Verification.RecordInformationReceivedAsync(id, null, "officer-1"); // Wed 5 Mar 2025

        _h.Time.Advance(TimeSpan.FromDays(5)); // Mon 10 Mar: 5 days undecided
        var escalated = await _h.Verification.ReviewWaitAsync(id, execution);
        _h.Time.Advance(TimeSpan.FromDays(60)); // Fri 9 May: still undecided, far past every period
        var later = await _h.Verification.ReviewWaitAsync(id, execution);

        escalated.Should().BeEquivalentTo(new { Next = "wait", WaitingOn = "officer" });
        later.Should().BeEquivalentTo(new { Next = "wait", WaitingOn = "officer" });
        _h.Officers.Notices.Count(n => n.Kind == "VerificationEscalated").Should().Be(2);
        (await _h.RequestAsync(id)).IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task ReviewWaitAsync_AlreadyDecided_WaitsOneSecondForTheAnswer()
    {
        var id = await WaitingRequestAsync();
        await _h.Verification.VerifyAsync(id, "id-document", "officer-7");

        var review = await _h.Verification.ReviewWaitAsync(id, ServiceHarness.ExecutionOf(id));

        review.Should().Be(new IdentityWaitReview(id, "wait", 1, "nobody"));
    }
}
