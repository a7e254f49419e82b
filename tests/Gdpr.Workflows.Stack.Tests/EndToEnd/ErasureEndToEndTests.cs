using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Samples.Seeding;
using Xunit.Abstractions;

namespace Gdpr.Workflows.Stack.Tests.EndToEnd;

/// <summary>
/// Erasure requests run end to end on the local installation (<see cref="EndToEndHost"/>): the real state machine and
/// template.yaml, the real function handlers and sample systems, fake time. After each run the sample systems are
/// queried, the audit chain verified and every persisted byte scanned for the subject's identifiers.
/// </summary>
public sealed class ErasureEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string RetentionGround = "Art. 17(3)(b)";

    /// <summary>Small enough to pass a retry's backoff (2 s, doubling, full jitter) and large enough to be quick.</summary>
    private static readonly TimeSpan RetryStep = TimeSpan.FromSeconds(5);

    private EndToEndHost host = null!;

    private SampleCustomer Customer => host.Customer;

    public async Task InitializeAsync() => host = await EndToEndHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Erasure_HappyPath_ErasesEverySystemKeepsInvoicesAndLeavesNoIdentifier()
    {
        var intake = await host.SubmitAsync();
        await host.VerifyIdentityAsync(intake.RequestId);
        await host.UntilDeskHasTaskAsync(intake.RequestId);
        (await host.DeskAnswersAsync()).Should().ContainSingle().Which.State.Should().Be("answered");
        var execution = await host.UntilEndedAsync(intake.RequestId);

        execution.Status.Should().Be(ExecutionStatus.Succeeded, execution.Cause);
        var status = await host.StatusAsync(intake.RequestId);
        status.Status.Should().Be("CompletedWithExceptions", "the invoices are retained under Art. 17(3)(b), an exception the officer must see");
        status.Systems.Select(s => (s.System, s.Status)).Should().BeEquivalentTo(
            [("orders", "Retained"), ("crm", "Erased"), ("marketing", "Erased"), ("support-desk", "Erased")]);
        status.Systems.Should().OnlyContain(s => s.Attempts == 1);
        host.Messages("CompletionTopic").Should().ContainSingle().Which["status"]!.GetValue<string>().Should().Be("CompletedWithExceptions");
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "crm", "marketing", "support-desk"]);
    }

    [Fact]
    public async Task Erasure_SystemFailsTwiceThenRecovers_IsRetriedAndTheAttemptsAreAudited()
    {
        var crm = host.Connector("crm");
        (crm.Fault, crm.FailuresLeft) = (Fault.Transient, 2);

        var intake = await host.SubmitAsync(authenticated: true);
        await host.UntilAsync(async () => SystemState(await host.StatusAsync(intake.RequestId), "crm") == "Erased", "crm to be erased after its retries", RetryStep);
        await host.UntilDeskHasTaskAsync(intake.RequestId);
        await host.DeskAnswersAsync();
        var execution = await host.UntilEndedAsync(intake.RequestId);

        execution.Status.Should().Be(ExecutionStatus.Succeeded, execution.Cause);
        crm.Calls.Should().Be(3, "two injected failures, then the real system");
        var status = await host.StatusAsync(intake.RequestId);
        status.Systems.Single(s => s.System == "crm").Attempts.Should().Be(3);
        var erased = (await host.Services.Audit.ReadAsync(intake.RequestId)).Where(e => e.Type.Name == "SystemErased" && e.System == "crm").ToList();
        erased.Should().ContainSingle("one outcome, recorded once").Which.Details["attempts"].Should().Be("3");
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "crm", "marketing", "support-desk"]);
    }

    [Fact]
    public async Task Erasure_SystemFailsPermanently_CompletesWithExceptionsErasesTheOthersAndTellsTheOfficers()
    {
        var marketing = host.Connector("marketing");
        (marketing.Fault, marketing.FailuresLeft) = (Fault.Permanent, int.MaxValue);

        var intake = await host.SubmitAsync(authenticated: true);
        await host.UntilDeskHasTaskAsync(intake.RequestId);
        await host.DeskAnswersAsync();
        var execution = await host.UntilEndedAsync(intake.RequestId);

        execution.Status.Should().Be(ExecutionStatus.Succeeded, execution.Cause);
        marketing.Calls.Should().Be(1, "a permanent failure is not retried");
        var status = await host.StatusAsync(intake.RequestId);
        status.Status.Should().Be("CompletedWithExceptions");
        status.Systems.Select(s => (s.System, s.Status, s.LastError)).Should().BeEquivalentTo(
            [("orders", "Retained", (string?)null), ("crm", "Erased", null), ("marketing", "Failed", "Erasure.ConnectorFailed"), ("support-desk", "Erased", null)]);
        host.Messages("OfficerTopic").Should().ContainSingle(m => (string?)m["kind"] == "SystemErasureFailed")
            .Which.Should().Match<System.Text.Json.Nodes.JsonObject>(m => (string?)m["system"] == "marketing" && (string?)m["error"] == "Erasure.ConnectorFailed" && (string?)m["requestId"] == intake.RequestId);
        var completion = host.Messages("CompletionTopic").Should().ContainSingle().Subject;
        ((string?)completion["status"]).Should().Be("CompletedWithExceptions");
        completion["counts"]!["failed"]!.GetValue<int>().Should().Be(1);
        (await host.Samples.Marketing.CountRemainingAsync(Customer.Subject())).Should().BeGreaterThan(0, "the broken system still holds the subject: that is the exception");
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "crm", "support-desk"]);
    }

    [Fact]
    public async Task Erasure_AsyncSystemAnswersLateAfterHeartbeats_IsErased()
    {
        var intake = await host.SubmitAsync(authenticated: true);
        await host.UntilDeskHasTaskAsync(intake.RequestId);
        await UntilSyncSystemsSettledAsync(intake.RequestId);

        // Three days: past the 1-day heartbeat, which the desk keeps sending, well before the 7-day timeout.
        for (var day = 0; day < 3; day++)
        {
            host.Time.Advance(TimeSpan.FromHours(20));
            await host.Services.TaskCallbacks.HeartbeatAsync(host.DeskTask(intake.RequestId)!.TaskToken);
        }

        host.Time.Advance(TimeSpan.FromHours(12));
        (await host.DeskAnswersAsync()).Should().ContainSingle().Which.State.Should().Be("answered");
        var execution = await host.UntilEndedAsync(intake.RequestId);

        execution.Status.Should().Be(ExecutionStatus.Succeeded, execution.Cause);
        var status = await host.StatusAsync(intake.RequestId);
        SystemState(status, "support-desk").Should().Be("Erased");
        host.Messages("OfficerTopic").Should().BeEmpty("nobody needs to be told of an answer within the timeout");
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "crm", "marketing", "support-desk"]);
    }

    [Fact]
    public async Task Erasure_AsyncSystemNeverAnswers_TimesOutIsRecordedAsNoResponseAndEscalated()
    {
        var intake = await host.SubmitAsync(authenticated: true);
        await host.UntilDeskHasTaskAsync(intake.RequestId);
        await UntilSyncSystemsSettledAsync(intake.RequestId);

        // The desk's adapter keeps its heartbeat up but never answers: the 7-day TimeoutSeconds ends the wait.
        await host.UntilAsync(async () =>
        {
            if (host.DeskTask(intake.RequestId) is { } task && (await host.ExecutionAsync(intake.RequestId)).Status == ExecutionStatus.Running)
            {
                try
                {
                    await host.Services.TaskCallbacks.HeartbeatAsync(task.TaskToken);
                }
                catch (Erasure.Errors.ErasureException)
                {
                    // The task timed out between the check and the heartbeat.
                }
            }

            return SystemState(await host.StatusAsync(intake.RequestId), "support-desk") == "Failed";
        }, "the support desk's task to time out", TimeSpan.FromHours(20));
        var execution = await host.UntilEndedAsync(intake.RequestId);

        execution.Status.Should().Be(ExecutionStatus.Succeeded, execution.Cause);
        var status = await host.StatusAsync(intake.RequestId);
        status.Status.Should().Be("CompletedWithExceptions");
        status.Systems.Single(s => s.System == "support-desk").LastError.Should().Be("States.Timeout");
        status.Outcome!.Counts.NoResponse.Should().Be(1);
        host.Messages("OfficerTopic").Should().ContainSingle(m => (string?)m["kind"] == "SystemDidNotRespond")
            .Which["system"]!.GetValue<string>().Should().Be("support-desk");
        (await host.Services.Audit.ReadAsync(intake.RequestId)).Should().Contain(e => e.Type.Name == "SystemDidNotRespond" && e.Details["error"] == "States.Timeout");

        // The desk comes back too late: the task is closed and the identifiers are shredded, so it cannot act on it.
        (await host.DeskAnswersAsync()).Should().ContainSingle().Which.State.Should().Be("abandoned");
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "crm", "marketing"]);
    }

    [Fact]
    public async Task Erasure_SubmittedTwice_RunsOneExecution()
    {
        var first = await host.SubmitAsync();
        var second = await host.SubmitAsync();
        host.Time.Advance(TimeSpan.FromHours(3));
        var third = await host.SubmitAsync();

        first.Created.Should().BeTrue();
        second.Created.Should().BeFalse();
        third.Created.Should().BeFalse();
        new[] { second.RequestId, third.RequestId }.Should().OnlyContain(id => id == first.RequestId);
        (await host.Host.Engine!.ListExecutionsAsync(host.Host.ErasureStateMachineArn!)).Should().ContainSingle();
        await host.VerifyIdentityAsync(first.RequestId);
        await host.UntilDeskHasTaskAsync(first.RequestId);
        await host.DeskAnswersAsync();
        (await host.UntilEndedAsync(first.RequestId)).Status.Should().Be(ExecutionStatus.Succeeded);

        (await host.Services.Audit.ReadAsync(first.RequestId)).Count(e => e.Type.Name == "RequestReceived").Should().Be(1);
        (await host.Host.Engine!.ListExecutionsAsync(host.Host.ErasureStateMachineArn!)).Should().ContainSingle();
        await AssertClosedRunAsync(first.RequestId, erasedIn: ["orders", "crm", "marketing", "support-desk"]);
    }

    [Fact]
    public async Task Erasure_CancelledMidFlight_StopsOutstandingWorkAndAuditsIt()
    {
        var crm = host.Connector("crm");
        (crm.Fault, crm.FailuresLeft) = (Fault.Transient, int.MaxValue);

        var intake = await host.SubmitAsync(authenticated: true);
        await host.UntilDeskHasTaskAsync(intake.RequestId);
        await host.UntilAsync(() => Task.FromResult(crm.Calls >= 2), "crm to be retried", RetryStep);
        var cancel = await host.Services.Cancel.CancelAsync(intake.RequestId, EndToEndHost.Officer, "withdrawn-by-subject");
        var execution = await host.UntilEndedAsync(intake.RequestId);

        cancel.CancelledNow.Should().BeTrue();
        execution.Status.Should().Be(ExecutionStatus.Aborted);
        var callsAtCancel = crm.Calls;
        for (var i = 0; i < 20; i++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(5);
        }

        crm.Calls.Should().Be(callsAtCancel, "the stopped execution retries nothing more");
        (await host.DeskAnswersAsync()).Should().ContainSingle().Which.State.Should().Be("abandoned", "the desk's task ended with the execution");
        (await host.Samples.SupportDesk.CountRemainingAsync(Customer.Subject())).Should().BeGreaterThan(0, "the desk did not erase for a withdrawn request");

        var status = await host.StatusAsync(intake.RequestId);
        status.Status.Should().Be("Cancelled");
        SystemState(status, "crm").Should().NotBe("Erased");
        var audit = (await host.Services.Audit.ReadAsync(intake.RequestId)).Select(e => e.Type.Name).ToList();
        audit.Should().Contain(["RequestCancelled", "ExecutionEnded", "SubjectsShredded"]);
        (await host.Services.Audit.ReadAsync(intake.RequestId)).Single(e => e.Type.Name == "RequestCancelled").Actor.Should().Be(EndToEndHost.Officer);
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "marketing"]);
    }

    [Fact]
    public async Task Erasure_AwaitingVerification_DeadlineRunsFromTheDayOfVerification()
    {
        var intake = await host.SubmitAsync();
        intake.DueDateIsProvisional.Should().BeTrue();
        intake.DueDate.Should().Be(new DateOnly(2026, 4, 2), "received Monday 2 March: provisionally one month from receipt");

        await host.UntilStatusAsync(intake.RequestId, "AwaitingVerification");
        host.Time.Advance(TimeSpan.FromDays(9));
        await host.VerifyIdentityAsync(intake.RequestId);

        var status = await host.StatusAsync(intake.RequestId);
        status.Deadline.Provisional.Should().BeFalse();
        status.Deadline.ClockStartedOn.Should().Be(new DateOnly(2026, 3, 11));
        status.Deadline.DueDate.Should().Be(new DateOnly(2026, 4, 13), "11 April 2026 is a Saturday: the next working day");
        (await host.Services.Audit.ReadAsync(intake.RequestId)).Should().Contain(e => e.Type.Name == "IdentityVerified" && e.Actor == EndToEndHost.Officer);

        await host.UntilDeskHasTaskAsync(intake.RequestId);
        await host.DeskAnswersAsync();
        (await host.UntilEndedAsync(intake.RequestId)).Status.Should().Be(ExecutionStatus.Succeeded);
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "crm", "marketing", "support-desk"]);
    }

    [Fact]
    public async Task Erasure_ExtendedWhileRunning_MovesTheDeadlineAndRecordsTheExtension()
    {
        var intake = await host.SubmitAsync(authenticated: true);
        intake.DueDate.Should().Be(new DateOnly(2026, 4, 2));
        await host.UntilDeskHasTaskAsync(intake.RequestId);

        host.Time.Advance(TimeSpan.FromHours(12));
        var today = host.Services.Deadlines.Day(host.Time.GetUtcNow());
        await host.Services.Deadline.ExtendAsync(intake.RequestId, new ExtensionRequest(2, "complex", "several archives to search", today), EndToEndHost.Officer);

        var status = await host.StatusAsync(intake.RequestId);
        status.Deadline.DueDate.Should().Be(new DateOnly(2026, 6, 2), "three months from the clock start on 2 March");
        status.Deadline.Extensions.Should().ContainSingle().Which.Months.Should().Be(2);
        var extended = (await host.Services.Audit.ReadAsync(intake.RequestId)).Should().ContainSingle(e => e.Type.Name == "DeadlineExtended").Subject;
        extended.Actor.Should().Be(EndToEndHost.Officer);
        extended.Details["dueDate"].Should().Be("2026-06-02");
        extended.Details["inEffect"].Should().Be("true"); // told the day it was decided

        await host.DeskAnswersAsync();
        (await host.UntilEndedAsync(intake.RequestId)).Status.Should().Be(ExecutionStatus.Succeeded);
        (await host.StatusAsync(intake.RequestId)).Deadline.DueDate.Should().Be(new DateOnly(2026, 6, 2));
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "crm", "marketing", "support-desk"]);
    }

    [Fact]
    public async Task Retry_CompletedWithExceptionsAfterTheSystemIsFixed_ReRunsOnlyTheFailedSystem()
    {
        var marketing = host.Connector("marketing");
        (marketing.Fault, marketing.FailuresLeft) = (Fault.Permanent, int.MaxValue);
        var intake = await host.SubmitAsync(authenticated: true);
        await host.UntilDeskHasTaskAsync(intake.RequestId);
        await host.DeskAnswersAsync();
        await host.UntilEndedAsync(intake.RequestId);
        (await host.StatusAsync(intake.RequestId)).Status.Should().Be("CompletedWithExceptions");
        (await host.Services.Vault.GetStateAsync(intake.RequestId)).Should().Be(Erasure.Vault.SubjectVaultState.Sealed, "a failed system is still to be erased");
        var calls = (Orders: host.Connector("orders").Calls, Crm: host.Connector("crm").Calls);

        marketing.Fault = Fault.None;
        var reopened = await host.Services.Reopen.ReopenAsync(intake.RequestId, EndToEndHost.Officer);
        var execution = await host.UntilEndedAsync(intake.RequestId, executionArn: reopened.ExecutionId);

        execution.Status.Should().Be(ExecutionStatus.Succeeded, execution.Cause);
        reopened.Run.Should().Be(2);
        reopened.Systems.Should().Equal("marketing");
        (host.Connector("orders").Calls, host.Connector("crm").Calls).Should().Be(calls, "what succeeded is not run again");
        (await host.Samples.SupportDesk.PendingTaskCountAsync()).Should().Be(0, "the desk answered the first run and is not asked again");
        var status = await host.StatusAsync(intake.RequestId);
        status.Status.Should().Be("CompletedWithExceptions", "the invoices are still retained");
        var again = status.Systems.Single(s => s.System == "marketing");
        (again.Status, again.Attempts, again.LastError).Should().Be(("Erased", 2, (string?)null));
        status.Outcome!.Counts.Failed.Should().Be(0);
        status.Outcome.Counts.Systems.Should().Be(4);
        var audit = await host.Services.Audit.ReadAsync(intake.RequestId);
        audit.Should().ContainSingle(e => e.Type.Name == "RequestReopened").Which.Actor.Should().Be(EndToEndHost.Officer);
        // Orders still retains invoices, so the identifiers stay sealed for the retention follow-up (docs/reply.md).
        audit.Should().Contain(e => e.Type.Name == "SubjectsKeptForRetention" && e.Details["executionId"] == reopened.ExecutionId);
        audit.Should().NotContain(e => e.Type.Name == "SubjectsShredded");
        host.Messages("CompletionTopic").Should().HaveCount(2);
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "crm", "marketing", "support-desk"]);
    }

    [Fact]
    public async Task Retry_FailedRequest_RunsEverySystemAgainAndCompletes()
    {
        foreach (var system in new[] { "orders", "crm", "marketing" })
        {
            (host.Connector(system).Fault, host.Connector(system).FailuresLeft) = (Fault.Permanent, int.MaxValue);
        }

        var intake = await host.SubmitAsync(authenticated: true);
        await host.UntilDeskHasTaskAsync(intake.RequestId);
        var firstTask = host.DeskTask(intake.RequestId)!.TaskToken;
        await host.Services.TaskCallbacks.FailAsync(firstTask, "Erasure.SystemRejected");
        await host.UntilEndedAsync(intake.RequestId);
        (await host.StatusAsync(intake.RequestId)).Status.Should().Be("Failed", "no system could erase");
        (await host.Samples.CountRemainingAsync(Customer.Subject())).Values.Should().OnlyContain(n => n > 0);

        foreach (var system in new[] { "orders", "crm", "marketing" })
        {
            host.Connector(system).Fault = Fault.None;
        }

        var reopened = await host.Services.Reopen.ReopenAsync(intake.RequestId, EndToEndHost.Officer);
        reopened.Systems.Should().BeEquivalentTo(["orders", "crm", "marketing", "support-desk"]);
        await host.UntilAsync(
            () => Task.FromResult(host.Host.Inbox.Open(Samples.SupportDesk.SupportDesk.SystemName, intake.RequestId).Any(t => t.TaskToken != firstTask)),
            "the desk to be asked again");
        (await host.DeskAnswersAsync()).Should().ContainSingle().Which.State.Should().Be("answered");
        var execution = await host.UntilEndedAsync(intake.RequestId, executionArn: reopened.ExecutionId);

        execution.Status.Should().Be(ExecutionStatus.Succeeded, execution.Cause);
        var status = await host.StatusAsync(intake.RequestId);
        status.Status.Should().Be("CompletedWithExceptions");
        status.Systems.Should().OnlyContain(s => s.Attempts == 2 && s.Status != "Failed");
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "crm", "marketing", "support-desk"]);
    }

    [Fact]
    public async Task Retry_CompletedRequest_IsRefused()
    {
        var intake = await host.SubmitAsync(authenticated: true);
        await host.UntilDeskHasTaskAsync(intake.RequestId);
        await host.DeskAnswersAsync();
        await host.UntilEndedAsync(intake.RequestId);

        var retry = () => host.Services.Reopen.ReopenAsync(intake.RequestId, EndToEndHost.Officer);

        await retry.Should().ThrowAsync<Erasure.Errors.ConflictException>().WithMessage("*nothing to retry*");
        // Kept sealed, not shredded, while orders retains invoices: the retention follow-up needs the identifiers.
        (await host.Services.Vault.GetStateAsync(intake.RequestId)).Should().Be(Erasure.Vault.SubjectVaultState.Sealed);
        (await host.Services.Audit.ReadAsync(intake.RequestId)).Should().Contain(e => e.Type.Name == "SubjectsKeptForRetention");
    }

    private static string? SystemState(RequestStatusView status, string system) => status.Systems.SingleOrDefault(s => s.System == system)?.Status;

    /// <summary>Waits until orders, crm and marketing have answered, so moving fake time on cannot overtake them.</summary>
    private Task UntilSyncSystemsSettledAsync(string requestId) =>
        host.UntilAsync(async () => (await host.StatusAsync(requestId)).Systems.Count(s => s.Status is "Erased" or "Retained") == 3, "the sync systems to answer");

    /// <summary>
    /// What every run must leave: the subject gone from the systems that erased (queried), exactly the invoices the
    /// 6-year rule keeps, an intact audit chain, and no identifier in any byte Gdpr.Workflows or the systems persisted.
    /// </summary>
    private async Task AssertClosedRunAsync(string requestId, IReadOnlyList<string> erasedIn)
    {
        var today = host.Services.Deadlines.Day(host.Time.GetUtcNow());
        var remaining = await host.Samples.CountRemainingAsync(Customer.Subject());
        foreach (var system in erasedIn)
        {
            remaining[system].Should().Be(0, $"{system} erased the subject");
        }

        if (erasedIn.Contains("orders"))
        {
            var kept = RunEvidence.InvoicesTheRuleKeeps(Customer, host.SeededOn, today);
            kept.Should().NotBeEmpty("the seeded subject has recent invoices");
            var held = RunEvidence.HeldInvoices(host, Customer);
            held.Select(i => (i.Number, i.IssuedOn)).Should().Equal(kept, "the orders database keeps exactly the invoices within six years");
            held.Should().OnlyContain(i => i.RestrictedUnder == RetentionGround);
            var orders = (await host.StatusAsync(requestId)).Systems.Single(s => s.System == "orders");
            orders.RetentionGround.Should().Be(RetentionGround);
            orders.RetainUntil.Should().Be(RunEvidence.InvoiceKeptUntil(kept.Max(i => i.IssuedOn)));
        }

        var chain = await host.Services.Audit.VerifyAsync(requestId);
        chain.Ok.Should().BeTrue(chain.Break?.Description);

        var ours = RunEvidence.ScanGdprHome(host, Customer);
        output.WriteLine($"leak scan of GDPR_HOME: {ours.Files} files, {ours.Bytes} bytes, {ours.Hits.Count} hits");
        ours.Hits.Should().BeEmpty(string.Join("; ", ours.Hits.Select(h => $"{Path.GetFileName(h.File)}@{h.Offset} {h.Form}")) + ": nothing Gdpr.Workflows persisted may hold a raw identifier once the request is closed");
        ours.Files.Should().BeGreaterThan(4);
        var theirs = RunEvidence.ScanSampleSystems(host, Customer, erasedIn);
        output.WriteLine($"leak scan of the sample systems that erased ({string.Join(", ", erasedIn)}): {theirs.Files} files, {theirs.Bytes} bytes, {theirs.Hits.Count} hits");
        theirs.Files.Should().BeGreaterThanOrEqualTo(erasedIn.Count);
        theirs.Hits.Should().BeEmpty(string.Join("; ", theirs.Hits.Select(h => $"{Path.GetFileName(h.File)}@{h.Offset} {h.Form}")) + ": the sample systems keep nothing of the subject but the restricted invoices");
    }
}
