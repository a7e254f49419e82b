using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class IntakeServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task SubmitAsync_NewRequest_StoresHashesSealsVaultAuditsAndStartsTheWorkflow()
    {
        var result = await _h.Intake.SubmitAsync(ServiceHarness.Submission());

        result.Should().BeEquivalentTo(new IntakeResult("req-000001", true, RequestStatus.Received, new DateOnly(2025, 4, 3), true,
            RecordingWorkflow.ExecutionIdOf("req-000001")));
        var request = await _h.RequestAsync("req-000001");
        request.SubjectHashes.Should().HaveCount(3).And.OnlyContain(h => h.Length == 64);
        request.SubjectHashes[0].Should().Be(await _h.Hasher.HashAsync(SubjectIdentifier.Email(ServiceHarness.Email)));
        request.Verification.Should().Be(IdentityVerification.Awaiting);
        request.Deadline.Should().BeEquivalentTo(new { ReceivedOn = new DateOnly(2025, 3, 3), ClockStart = (object?)null, DueDate = new DateOnly(2025, 4, 3) });
        (await _h.Vault.OpenAsync("req-000001")).Should().Contain(SubjectIdentifier.CustomerId(ServiceHarness.CustomerId));
        (await _h.AuditOfAsync("req-000001")).Select(e => e.Type).Should().Equal(AuditEventType.RequestReceived, AuditEventType.SubjectsSealed);
        _h.Workflow.Starts.Should().Equal("req-000001");
    }

    [Fact]
    public async Task SubmitAsync_AuthenticatedChannel_ClockStartsOnReceipt()
    {
        var result = await _h.Intake.SubmitAsync(ServiceHarness.Submission(authenticated: true));

        result.DueDateIsProvisional.Should().BeFalse();
        var request = await _h.RequestAsync(result.RequestId);
        request.Verification.State.Should().Be(VerificationState.NotRequired);
        request.Deadline.ClockStart.Should().Be(Erasure.Deadlines.ClockStart.OnReceipt(new DateOnly(2025, 3, 3)));
    }

    [Fact]
    public async Task SubmitAsync_SameSubmissionTwice_OneRequestOneAuditTrail()
    {
        var first = await _h.Intake.SubmitAsync(ServiceHarness.Submission());
        _h.Time.Advance(TimeSpan.FromHours(2));

        var second = await _h.Intake.SubmitAsync(ServiceHarness.Submission());

        second.Should().Be(first with { Created = false });
        (await _h.Requests.QueryOpenByDeadlineAsync(10)).Items.Should().ContainSingle();
        (await _h.AuditOfAsync(first.RequestId)).Should().HaveCount(2);
        _h.Workflow.Starts.Should().Equal(first.RequestId, first.RequestId);
    }

    [Fact]
    public async Task SubmitAsync_SameClientKeyOtherDay_IsTheSameRequest()
    {
        var first = await _h.Intake.SubmitAsync(ServiceHarness.Submission(idempotencyKey: "form-123"));
        _h.Time.Advance(TimeSpan.FromDays(3));

        var again = await _h.Intake.SubmitAsync(ServiceHarness.Submission(idempotencyKey: "form-123"));

        again.RequestId.Should().Be(first.RequestId);
        again.Created.Should().BeFalse();
    }

    [Fact]
    public async Task SubmitAsync_SameClientKeyOtherIdentifiers_Conflict()
    {
        await _h.Intake.SubmitAsync(ServiceHarness.Submission(idempotencyKey: "form-123"));
        var other = new IntakeSubmission([new IdentifierInput("email", "bob@example.com")], "web-form", IdempotencyKey: "form-123");

        var act = () => _h.Intake.SubmitAsync(other);

        (await act.Should().ThrowAsync<ConflictException>()).Which.ExitCode.Should().Be(4);
    }

    [Fact]
    public async Task SubmitAsync_StartFailedOnce_RetryStartsWithoutASecondRequest()
    {
        _h.Workflow.FailNextStart = true;
        var act = () => _h.Intake.SubmitAsync(ServiceHarness.Submission());
        await act.Should().ThrowAsync<TransientErasureException>();

        var retried = await _h.Intake.SubmitAsync(ServiceHarness.Submission());

        retried.Created.Should().BeFalse();
        retried.ExecutionId.Should().Be(RecordingWorkflow.ExecutionIdOf(retried.RequestId));
        (await _h.AuditOfAsync(retried.RequestId)).Should().HaveCount(2);
    }

    [Fact]
    public async Task SubmitAsync_RequestWithdrawnBeforeRetry_DoesNotStartAgain()
    {
        var first = await _h.Intake.SubmitAsync(ServiceHarness.Submission());
        await _h.Cancel.CancelAsync(first.RequestId, "officer-1");

        var again = await _h.Intake.SubmitAsync(ServiceHarness.Submission());

        again.Status.Should().Be(RequestStatus.Cancelled);
        _h.Workflow.Starts.Should().ContainSingle();
    }

    [Fact]
    public async Task SubmitAsync_GeneratedIdTaken_TriesAnotherId()
    {
        using var harness = new ServiceHarness(new SequentialIdGenerator());
        await harness.Requests.CreateAsync(Tests.Requests.TestRequests.New("req-000001"));

        var result = await harness.Intake.SubmitAsync(ServiceHarness.Submission());

        result.RequestId.Should().Be("req-000002");
    }

    [Fact]
    public async Task SubmitAsync_InvalidEmail_InvalidInputNamingTheIndexNotTheValue()
    {
        var submission = new IntakeSubmission([new IdentifierInput("email", "alice@example.com"), new IdentifierInput("email", "bob.at.example")], "web-form");

        var act = () => _h.Intake.SubmitAsync(submission);

        var error = (await act.Should().ThrowAsync<InvalidInputException>()).Which;
        error.Message.Should().StartWith("identifiers[1]: Invalid email address").And.NotContain("bob");
        error.ExitCode.Should().Be(2);
        (await _h.Requests.QueryOpenByDeadlineAsync(10)).Items.Should().BeEmpty();
    }

    public static TheoryData<IntakeSubmission, string> InvalidSubmissions() => new()
    {
        { new IntakeSubmission([], "web-form"), "'identifiers'" },
        { new IntakeSubmission([new IdentifierInput("passport", "X1")], "web-form"), "identifiers[0].kind" },
        { new IntakeSubmission([new IdentifierInput("email", "a@example.com")], "Web Form"), "'channel'" },
        { new IntakeSubmission([new IdentifierInput("email", "a@example.com")], "web-form", Jurisdiction: "FR"), "'jurisdiction'" },
        { new IntakeSubmission([new IdentifierInput("email", "a@example.com")], "web-form", IdempotencyKey: "has space"), "'idempotencyKey'" },
    };

    [Theory]
    [MemberData(nameof(InvalidSubmissions))]
    public async Task SubmitAsync_Malformed_InvalidInputNamingTheField(IntakeSubmission submission, string field)
    {
        var act = () => _h.Intake.SubmitAsync(submission);

        (await act.Should().ThrowAsync<InvalidInputException>()).Which.Message.Should().Contain(field);
    }

    [Fact]
    public async Task SubmitAsync_VaultHoldsOtherIdentifiersUnderTheId_Conflict()
    {
        await _h.Vault.SealAsync("req-000001", SubjectIdentifiers.Of(SubjectIdentifier.Email("other@example.com")));

        var act = () => _h.Intake.SubmitAsync(ServiceHarness.Submission());

        await act.Should().ThrowAsync<ConflictException>();
        (await _h.Vault.GetStateAsync("req-000001")).Should().Be(SubjectVaultState.Sealed);
    }

    [Fact]
    public void IdentifierInput_ToString_RedactsTheValue()
    {
        new IdentifierInput("email", "alice@example.com").ToString().Should().NotContain("alice").And.Contain("<redacted>");
    }

    [Fact]
    public async Task SubmitAsync_ArrivedEarlier_ClockStartsTheDayItArrived()
    {
        // Keyed in on Mon 3 Mar 2025; the letter arrived Fri 31 Jan 2025 (authenticated portal: the clock starts on
        // receipt). + 1 month: no 31 Feb → Fri 28 Feb 2025.
        var submission = ServiceHarness.Submission(authenticated: true) with { ReceivedAt = new DateTimeOffset(2025, 1, 31, 16, 0, 0, TimeSpan.Zero) };

        var result = await _h.Intake.SubmitAsync(submission);

        result.DueDate.Should().Be(new DateOnly(2025, 2, 28));
        var stored = await _h.RequestAsync(result.RequestId);
        stored.ReceivedAt.Should().Be(new DateTimeOffset(2025, 1, 31, 16, 0, 0, TimeSpan.Zero));
        stored.Deadline.ReceivedOn.Should().Be(new DateOnly(2025, 1, 31));
    }

    [Fact]
    public async Task SubmitAsync_ArrivalInTheFuture_InvalidInputNothingStored()
    {
        var submission = ServiceHarness.Submission() with { ReceivedAt = ServiceHarness.Start.AddDays(1) };

        var act = () => _h.Intake.SubmitAsync(submission);

        await act.Should().ThrowAsync<InvalidInputException>().WithMessage("*receivedAt*future*");
        (await _h.Status.ListOpenAsync(10)).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task SubmitAsync_TodayAsADate_ArrivedNow()
    {
        // Now is Mon 3 Mar 2025 09:30 UTC; "2025-03-03" reads as noon UTC that day, later than now but the same day.
        var submission = ServiceHarness.Submission(authenticated: true) with { ReceivedAt = new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.Zero) };

        var result = await _h.Intake.SubmitAsync(submission);

        (await _h.RequestAsync(result.RequestId)).ReceivedAt.Should().Be(ServiceHarness.Start);
        result.DueDate.Should().Be(new DateOnly(2025, 4, 3)); // Thu 3 Apr 2025
    }

    [Theory]
    // Received Thu 30 Nov 2028 (could not be recorded before: the old table ended in 2028).
    [InlineData("uk-ew", "2029-01-02")] // Sat 30 Dec 2028, Sun 31, Mon 1 Jan 2029 New Year's Day → Tue 2 Jan
    [InlineData("uk-sct", "2029-01-03")] // Scotland: Mon 1 and Tue 2 Jan 2029 → Wed 3 Jan
    public async Task SubmitAsync_Jurisdiction_StoredAndItsCalendarCounts(string jurisdiction, string due)
    {
        _h.Time.SetUtcNow(new DateTimeOffset(2028, 11, 30, 10, 0, 0, TimeSpan.Zero));

        var result = await _h.Intake.SubmitAsync(ServiceHarness.Submission(authenticated: true) with { Jurisdiction = jurisdiction });

        result.DueDate.Should().Be(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
        (await _h.RequestAsync(result.RequestId)).Jurisdiction.Should().Be(jurisdiction);
    }

    [Fact]
    public async Task SubmitAsync_TrustedChannel_NoIdentityCheckClockStartsOnReceipt()
    {
        using var trusting = new ServiceHarness(clock: new Erasure.Deadlines.ClockSettings { TrustedChannels = ["web-form"] });

        var result = await trusting.Intake.SubmitAsync(ServiceHarness.Submission(authenticated: false));

        result.DueDateIsProvisional.Should().BeFalse();
        (await trusting.RequestAsync(result.RequestId)).Verification.State.Should().Be(VerificationState.NotRequired);
    }
}
