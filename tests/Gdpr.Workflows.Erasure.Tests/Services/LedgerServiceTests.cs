using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class LedgerServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static string Exec(string requestId) => ServiceHarness.ExecutionOf(requestId);

    [Fact]
    public async Task RequestStartedAsync_VerificationNeeded_AwaitsAndReturnsSecondsToTheEndOfTheDueDay()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());

        var result = await _h.Ledger.RequestStartedAsync(intake.RequestId, Exec(intake.RequestId));

        // Due Thursday 3 April 2025; London is on BST then, so the day ends at 23:00 UTC.
        var expected = (int)(new DateTimeOffset(2025, 4, 3, 23, 0, 0, TimeSpan.Zero) - ServiceHarness.Start).TotalSeconds;
        result.Should().BeEquivalentTo(new { Applied = true, Status = RequestStatus.AwaitingVerification, NeedsVerification = true, DeadlineHorizonSeconds = expected });
        (await _h.RequestAsync(intake.RequestId)).ExecutionId.Should().Be(Exec(intake.RequestId));
    }

    [Fact]
    public async Task RequestStartedAsync_Authenticated_InProgressWithoutVerification()
    {
        var id = await _h.StartedRequestAsync(authenticated: true);

        var request = await _h.RequestAsync(id);

        request.Status.Should().Be(RequestStatus.InProgress);
        (await _h.Ledger.RequestStartedAsync(id, Exec(id))).NeedsVerification.Should().BeFalse();
    }

    [Fact]
    public async Task RequestStartedAsync_Repeated_AppliedAndAuditedOnce()
    {
        var id = await _h.StartedRequestAsync();
        var before = await _h.RequestAsync(id);

        var again = await _h.Ledger.RequestStartedAsync(id, Exec(id));

        again.Applied.Should().BeTrue();
        (await _h.RequestAsync(id)).Version.Should().Be(before.Version);
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.RequestStarted).Should().Be(1);
    }

    [Fact]
    public async Task RequestStartedAsync_HorizonAfterDueDate_IsOneSecond()
    {
        var id = await _h.StartedRequestAsync();
        _h.Time.Advance(TimeSpan.FromDays(90));

        (await _h.Ledger.RequestStartedAsync(id, Exec(id) + "-later")).DeadlineHorizonSeconds.Should().Be(1);
    }

    [Fact]
    public async Task RequestStartedAsync_FinalRequest_AuditsNotAppliedAndRefuses()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());
        await _h.Cancel.CancelAsync(intake.RequestId, "officer-1");

        var act = () => _h.Ledger.RequestStartedAsync(intake.RequestId, Exec(intake.RequestId));

        await act.Should().ThrowAsync<ConflictException>();
        var started = (await _h.AuditOfAsync(intake.RequestId)).Single(e => e.Type == AuditEventType.RequestStarted);
        started.Details["applied"].Should().Be("false");
    }

    [Fact]
    public async Task SystemErasedAsync_Retained_RecordsGroundUntilAndReceipt()
    {
        var id = await _h.StartedRequestAsync();
        var answer = ErasureAnswer.Retained("orders:anonymised=2", RetentionGround.LegalObligation, "invoices", new DateOnly(2031, 3, 3));

        var result = await _h.Ledger.SystemErasedAsync(id, Exec(id), "orders", answer);

        result.Applied.Should().BeTrue();
        (await _h.RequestAsync(id)).FindSystem("orders").Should().BeEquivalentTo(new
        {
            Status = SystemErasureStatus.Retained,
            Attempts = 1,
            Receipt = "orders:anonymised=2",
            RetentionGround = RetentionGround.LegalObligation,
            RetainUntil = new DateOnly(2031, 3, 3),
            LastError = (string?)null,
        });
        var audited = (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.SystemErased);
        audited.System.Should().Be("orders");
        audited.Details.Should().Contain("ground", "Art. 17(3)(b)").And.Contain("retainUntil", "2031-03-03");
    }

    [Fact]
    public async Task SystemErasedAsync_Retried_CountsOneAttemptAndOneAuditEvent()
    {
        var id = await _h.StartedRequestAsync();

        await _h.Ledger.SystemErasedAsync(id, Exec(id), "crm", ErasureAnswer.Erased("crm:1"));
        await _h.Ledger.SystemErasedAsync(id, Exec(id), "crm", ErasureAnswer.Erased("crm:1"));

        (await _h.RequestAsync(id)).FindSystem("crm")!.Attempts.Should().Be(1);
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.SystemErased).Should().Be(1);
    }

    [Fact]
    public async Task SystemErasedAsync_AfterTwoRetries_CountsAndAuditsThreeAttempts()
    {
        var id = await _h.StartedRequestAsync();

        await _h.Ledger.SystemErasedAsync(id, Exec(id), "crm", ErasureAnswer.Erased("crm:1"), retries: 2);

        (await _h.RequestAsync(id)).FindSystem("crm")!.Attempts.Should().Be(3);
        (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.SystemErased).Details["attempts"].Should().Be("3");
    }

    [Fact]
    public async Task SystemErasedAsync_RestartedExecution_CountsAnotherAttempt()
    {
        var id = await _h.StartedRequestAsync();

        await _h.Ledger.SystemErasureFailedAsync(id, Exec(id), "crm", "Erasure.ConnectorFailed");
        await _h.Ledger.SystemErasedAsync(id, Exec(id) + ":2", "crm", ErasureAnswer.Erased("crm:1"));

        (await _h.RequestAsync(id)).FindSystem("crm").Should().BeEquivalentTo(new { Status = SystemErasureStatus.Erased, Attempts = 2, LastError = (string?)null });
    }

    [Fact]
    public async Task SystemErasedAsync_AfterCancel_AuditedButNotApplied()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Cancel.CancelAsync(id, "officer-1");
        var cancelled = await _h.RequestAsync(id);

        var result = await _h.Ledger.SystemErasedAsync(id, Exec(id), "crm", ErasureAnswer.Erased("crm:1"));

        result.Should().BeEquivalentTo(new { Applied = false, Status = RequestStatus.Cancelled });
        (await _h.RequestAsync(id)).Should().BeEquivalentTo(cancelled);
        (await _h.AuditOfAsync(id))[^1].Details["applied"].Should().Be("false");
    }

    [Fact]
    public async Task RecipientsNotifiedAsync_Outcome_RecordedOnTheSystem()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Ledger.SystemErasedAsync(id, Exec(id), "marketing", ErasureAnswer.Erased("m:1"));

        await _h.Ledger.RecipientsNotifiedAsync(id, Exec(id), "marketing", new RecipientsNotification(RecipientNotificationStatus.Impossible, "recipient-unknown", 1));

        (await _h.RequestAsync(id)).FindSystem("marketing")!.Recipients.Should().Be(new RecipientsNotification(RecipientNotificationStatus.Impossible, "recipient-unknown", 1));
    }

    [Theory]
    [InlineData("Erasure.ConnectorFailed", "Erasure.ConnectorFailed")]
    [InlineData("failed for alice@example.com", "Erasure.UnnamedError")]
    [InlineData(null, "Erasure.UnnamedError")]
    public async Task SystemErasureFailedAsync_Error_KeepsOnlyAnErrorName(string? error, string recorded)
    {
        var id = await _h.StartedRequestAsync();

        await _h.Ledger.SystemErasureFailedAsync(id, Exec(id), "crm", error);

        (await _h.RequestAsync(id)).FindSystem("crm").Should().BeEquivalentTo(new { Status = SystemErasureStatus.Failed, LastError = recorded, Attempts = 1 });
    }

    [Fact]
    public async Task SystemDidNotRespondAsync_Timeout_CountsAsNoResponse()
    {
        var id = await _h.StartedRequestAsync();

        await _h.Ledger.SystemDidNotRespondAsync(id, Exec(id), "support-desk", "States.HeartbeatTimeout");
        await _h.Ledger.WorkflowFailedAsync(id, Exec(id), "States.Runtime");

        (await _h.RequestAsync(id)).Outcome!.Counts.Should().Be(new ErasureCounts(1, 0, 0, 0, 0, 1, 0));
    }

    [Fact]
    public async Task VerificationExpiredAsync_Awaiting_RejectedAndExpiredWithSystemsSkipped()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());
        var id = intake.RequestId;
        await _h.Ledger.RequestStartedAsync(id, Exec(id));
        await _h.Ledger.SystemDispatchedAsync(id, Exec(id), "support-desk", ErasureMode.Async);

        await _h.Ledger.VerificationExpiredAsync(id, Exec(id));

        var request = await _h.RequestAsync(id);
        request.Status.Should().Be(RequestStatus.Rejected);
        request.Verification.State.Should().Be(VerificationState.Expired);
        request.Outcome.Should().BeEquivalentTo(new { Status = RequestStatus.Rejected, Error = ErasureErrorTypes.VerificationExpired, RecordedBy = "VerificationExpired" });
        request.FindSystem("support-desk")!.Status.Should().Be(SystemErasureStatus.Skipped);
    }

    [Fact]
    public async Task IdentityRejectedAsync_AfterOfficerRejection_KeepsTheOfficersReason()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());
        var id = intake.RequestId;
        await _h.Ledger.RequestStartedAsync(id, Exec(id));
        await _h.Verification.AwaitVerificationAsync(id, Exec(id), "token-1");
        _h.Workflow.Issue("token-1");
        await _h.Verification.RejectAsync(id, "documents-mismatch", "officer-7");

        await _h.Ledger.IdentityRejectedAsync(id, Exec(id));

        var request = await _h.RequestAsync(id);
        request.Status.Should().Be(RequestStatus.Rejected);
        request.Verification.Should().BeEquivalentTo(new { State = VerificationState.Rejected, Reason = "documents-mismatch", DecidedBy = "officer-7" });
    }

    [Fact]
    public async Task WorkflowFailedAsync_ThenExecutionEnded_FirstFailureStands()
    {
        var id = await _h.StartedRequestAsync();

        await _h.Ledger.WorkflowFailedAsync(id, Exec(id), "States.Runtime");
        var ended = await _h.Ledger.ExecutionEndedAsync(id, Exec(id), "FAILED");

        ended.Applied.Should().BeFalse();
        (await _h.RequestAsync(id)).Outcome.Should().BeEquivalentTo(new { Status = RequestStatus.Failed, Error = "States.Runtime", RecordedBy = "WorkflowFailed" });
    }

    [Theory]
    [InlineData("ABORTED", "Execution.Aborted")]
    [InlineData("TIMED_OUT", "Execution.TimedOut")]
    [InlineData("FAILED", "Execution.Failed")]
    public async Task ExecutionEndedAsync_OpenRequest_FailsWithTheExecutionsEnd(string status, string error)
    {
        var id = await _h.StartedRequestAsync();

        await _h.Ledger.ExecutionEndedAsync(id, Exec(id), status);

        (await _h.RequestAsync(id)).Outcome.Should().BeEquivalentTo(new { Status = RequestStatus.Failed, Error = error });
    }

    [Fact]
    public async Task ExecutionEndedAsync_UnknownStatus_InvalidInput()
    {
        var id = await _h.StartedRequestAsync();

        var act = () => _h.Ledger.ExecutionEndedAsync(id, Exec(id), "SUCCEEDED");

        await act.Should().ThrowAsync<InvalidInputException>();
    }

    [Fact]
    public async Task SystemDispatchedAsync_AsyncSystem_AwaitingCallbackUntilAnswered()
    {
        var id = await _h.StartedRequestAsync();

        await _h.Ledger.SystemDispatchedAsync(id, Exec(id), "support-desk", ErasureMode.Async);
        var waiting = (await _h.RequestAsync(id)).FindSystem("support-desk")!.Status;
        await _h.Ledger.SystemErasedAsync(id, Exec(id), "support-desk", ErasureAnswer.Erased("ticket-9"));

        waiting.Should().Be(SystemErasureStatus.AwaitingCallback);
        (await _h.RequestAsync(id)).FindSystem("support-desk")!.Status.Should().Be(SystemErasureStatus.Erased);
    }

    [Fact]
    public async Task RecordAsync_ParsedPayloads_DispatchToTheEvent()
    {
        var id = await _h.StartedRequestAsync();
        var payload = new JsonObject
        {
            ["event"] = "SystemErased",
            ["requestId"] = id,
            ["executionId"] = Exec(id),
            ["system"] = "crm",
            ["erasure"] = ErasureAnswer.Erased("crm:1").ToJson(),
        };

        var result = await _h.Ledger.RecordAsync(LedgerEvent.Parse(payload));

        result.Should().BeEquivalentTo(new { Event = "SystemErased", System = "crm", Applied = true });
        (await _h.RequestAsync(id)).FindSystem("crm")!.Status.Should().Be(SystemErasureStatus.Erased);
    }

    [Fact]
    public async Task RecordAsync_ConcurrentSystems_EveryOneApplied()
    {
        var id = await _h.StartedRequestAsync();
        var systems = Enumerable.Range(0, 12).Select(i => $"system-{i}").ToList();

        await Task.WhenAll(systems.Select(s => Task.Run(() => _h.Ledger.SystemErasedAsync(id, Exec(id), s, ErasureAnswer.Erased(s)))));

        (await _h.RequestAsync(id)).Systems.Select(s => s.System).Should().BeEquivalentTo(systems);
        (await _h.Audit.VerifyAsync(id)).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task RequestStartedAsync_UnknownRequest_NotFound()
    {
        var act = () => _h.Ledger.RequestStartedAsync("req-missing", Exec("req-missing"));

        (await act.Should().ThrowAsync<NotFoundException>()).Which.ExitCode.Should().Be(3);
    }

    [Fact]
    public async Task ToJson_RequestStarted_OnlyWhatTheDefinitionSelects()
    {
        var id = await _h.StartedRequestAsync(authenticated: true);

        var json = (await _h.Ledger.RequestStartedAsync(id, Exec(id))).ToJson();

        json.Select(p => p.Key).Should().Equal("needsVerification", "deadlineHorizonSeconds");
        json["needsVerification"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task ToJson_OtherEvent_IdsAndStatus()
    {
        var id = await _h.StartedRequestAsync();

        var json = (await _h.Ledger.SystemErasedAsync(id, Exec(id), "crm", ErasureAnswer.Erased("crm:1"))).ToJson();

        json.ToJsonString().Should().Be($$"""{"requestId":"{{id}}","event":"SystemErased","system":"crm","applied":true,"status":"InProgress"}""");
    }
}
