using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Reply;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Tests.Services;

/// <summary>
/// The reply to the requester, refusals and the retention follow-up over the in-memory ports. The harness's clock starts on
/// 2025-03-03; its orders connector keeps invoices for five years from that day, until 2030-03-03 (within the 6 years its
/// registry entry declares, counted from the record date).
/// </summary>
public sealed class ReplyServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();
    private readonly InMemoryReplyOutbox _outbox = new();
    private readonly ReplyService _reply;
    private readonly RefusalService _refusal;
    private readonly RetentionFollowUpService _followUp;

    public ReplyServiceTests()
    {
        _reply = new ReplyService(_h.Requests, _h.Vault, _h.Audit, _outbox, ReplyTemplates.Defaults, _h.Deadlines, _h.Time, _h.Systems);
        _refusal = new RefusalService(_h.Requests, _h.Workflow, _h.Audit, _reply, _h.Time);
        _followUp = new RetentionFollowUpService(_h.Requests, _h.Vault, _h.Workflow, _h.Audit, _h.Deadlines, _h.Officers, _h.Time);
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task SendAsync_CompletedWithRetention_TellsWhatWasErasedKeptAndWhoWasTold()
    {
        var id = await ErasedEverywhereAsync();

        var result = await _reply.SendAsync(id, ServiceHarness.ExecutionOf(id));

        var sent = _outbox.Sent.Should().ContainSingle().Subject;
        sent.Address.Should().Be("alice.smith@example.com");
        sent.Text.Should().Contain("received on 3 March 2025")
            .And.Contain("  - crm\n")
            .And.Contain("We also checked marketing: they held no data about you.")
            .And.Contain("invoices in orders: kept until 3 March 2030 because the law requires us to keep it (Art. 17(3)(b))")
            .And.Contain("Parcel carrier (through orders): told")
            .And.Contain("https://ico.org.uk/make-a-complaint/")
            .And.Contain("judicial remedy");
        // marketing held nothing: its recipients were not told, so they are not listed.
        sent.Text.Should().NotContain("Mailer").And.NotContain("alice", "the reply names no identifier of the subject");
        sent.Html.Should().Contain("<li>crm</li>");
        result.Sha256.Should().Be(ReplyService.Hash(new RenderedReply(sent.Subject, sent.Text, sent.Html, result.TemplateVersion)));
        var audited = (await _h.AuditOfAsync(id)).Single(e => e.Type == ReplyService.ReplySent);
        audited.Details["sha256"].Should().Be(result.Sha256);
        audited.Details["templateVersion"].Should().StartWith("reply.txt:").And.Contain(",reply.html:");
        audited.Details.Values.Should().NotContain(v => v.Contains("example.com", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SendAsync_Repeated_SendsOnceAndAnswersTheSame()
    {
        var id = await ErasedEverywhereAsync();

        var first = await _reply.SendAsync(id, ServiceHarness.ExecutionOf(id));
        var second = await _reply.SendAsync(id, ServiceHarness.ExecutionOf(id));

        second.Should().Be(first with { SentNow = false });
        _outbox.Sent.Should().HaveCount(1);
    }

    [Fact]
    public async Task SendAsync_OpenRequest_Conflict()
    {
        var id = await _h.StartedRequestAsync();

        var act = () => _reply.SendAsync(id, ServiceHarness.ExecutionOf(id));

        await act.Should().ThrowAsync<ConflictException>();
    }

    [Fact]
    public async Task RefuseAsync_Excessive_ClosesRepliesThenStops()
    {
        var id = await _h.StartedRequestAsync();

        var result = await _refusal.RefuseAsync(id, "excessive", "It repeats your requests of 3 and 10 February with no new reason.", "officer-1");

        result.Status.Should().Be(RequestStatus.Refused);
        (await _h.RequestAsync(id)).Refusal!.Reason.Should().Be(RefusalReason.Excessive);
        var sent = _outbox.Sent.Should().ContainSingle().Subject;
        sent.Text.Should().Contain("Article 12(5)").And.Contain("manifestly excessive").And.Contain("It repeats your requests").And.Contain("ico.org.uk");
        sent.Text.Should().NotContain("What we erased");
        _h.Workflow.Stops.Should().ContainSingle().Which.Error.Should().Be(RefusalService.StopError);
        (await _h.AuditOfAsync(id)).Select(e => e.Type.Name).Should().ContainInOrder("RequestRefused", "ReplySent");
    }

    [Theory]
    [InlineData("rude")]
    [InlineData("")]
    public async Task RefuseAsync_UnknownReason_InvalidInput(string reason)
    {
        var id = await _h.StartedRequestAsync();

        var act = () => _refusal.RefuseAsync(id, reason, "detail", "officer-1");

        await act.Should().ThrowAsync<InvalidInputException>();
    }

    [Fact]
    public async Task ShredAsync_RetentionStillRunning_KeepsTheIdentifiersSealed()
    {
        var id = await ErasedEverywhereAsync();

        var shred = await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id));

        shred.Outcome.Should().Be(ShredService.KeptForRetention);
        (await _h.Vault.GetStateAsync(id)).Should().Be(SubjectVaultState.Sealed);
    }

    [Fact]
    public async Task RunAsync_DayAfterRetainUntil_ReopensThatSystemOnly()
    {
        var id = await ErasedEverywhereAsync();
        await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id));

        // 2030-03-03 is the last day the invoices may be kept: nothing happens that day.
        _h.Time.SetUtcNow(new DateTimeOffset(2030, 3, 3, 12, 0, 0, TimeSpan.Zero));
        (await _followUp.RunAsync()).Reopened.Should().BeEmpty();

        // 2030-03-04: the retention has ended; the orders erasure is asked again.
        _h.Time.SetUtcNow(new DateTimeOffset(2030, 3, 4, 9, 0, 0, TimeSpan.Zero));
        var result = await _followUp.RunAsync();

        var reopened = result.Reopened.Should().ContainSingle().Subject;
        reopened.Systems.Should().Equal("orders");
        var request = await _h.RequestAsync(id);
        request.Status.Should().Be(RequestStatus.InProgress);
        request.FindSystem("orders")!.Status.Should().Be(SystemErasureStatus.Pending);
        request.FindSystem("crm")!.Status.Should().Be(SystemErasureStatus.Erased);
        (await _h.AuditOfAsync(id))[^1].Type.Should().Be(RetentionFollowUpService.RetentionEnded);
        (await _followUp.RunAsync()).Reopened.Should().BeEmpty("the request is open again: a second pass reopens nothing");
    }

    [Fact]
    public async Task ShredAsync_RetentionStillRunning_KeepsTheVaultEntriesPastTheLastRetainUntilDay()
    {
        // Invoices kept until 2030-03-03: the vault's TTL safety net (100 days from sealing) would remove the identifiers
        // in June 2025, years before the follow-up of 2030-03-04 needs them. The store keeps them until then, plus its net.
        var id = await ErasedEverywhereAsync();

        await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id));

        _h.VaultStore.KeptSealedUntil(id).Should().Be(new DateTimeOffset(2030, 3, 4, 0, 0, 0, TimeSpan.Zero));
        (await _h.AuditOfAsync(id))[^1].Details.Should().Contain("keptUntil", "2030-03-04");
    }

    [Fact]
    public void KeepSealedUntil_TwoRetentions_TheDayAfterTheLastOne()
    {
        // Invoices until 2033-03-31 and a CRM note until 2030-01-31: the identifiers are needed until the follow-up of 2033-04-01.
        var request = TestRequestsWith(
            new SystemErasureState("orders", SystemErasureStatus.Retained) { RetainUntil = new DateOnly(2033, 3, 31) },
            new SystemErasureState("crm", SystemErasureStatus.Retained) { RetainUntil = new DateOnly(2030, 1, 31) },
            new SystemErasureState("support-desk", SystemErasureStatus.BeyondUse) { RetainUntil = new DateOnly(2040, 1, 1) });

        ShredService.KeepSealedUntil(request).Should().Be(new DateTimeOffset(2033, 4, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task RunAsync_RetentionEndedIdentifiersShredded_TellsTheOfficersOnceAndReopensNothing()
    {
        var id = await ErasedEverywhereAsync();
        await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id));
        await _h.Vault.ShredAsync(id);
        var starts = _h.Workflow.Starts.Count;
        _h.Time.SetUtcNow(new DateTimeOffset(2030, 3, 4, 9, 0, 0, TimeSpan.Zero));

        var first = await _followUp.RunAsync();
        var second = await _followUp.RunAsync();

        first.IdentifiersGone.Should().Equal(id);
        first.Reopened.Should().BeEmpty();
        second.IdentifiersGone.Should().BeEmpty("the officers were told on the first pass");
        var notice = _h.Officers.Notices.Should().ContainSingle(n => n.Kind == "RetentionFollowUpImpossible").Subject;
        notice.RequestId.Should().Be(id);
        notice.Details.Should().Contain("systems", "orders").And.Contain("retainedUntil", "2030-03-03").And.Contain("vault", "shredded");
        (await _h.AuditOfAsync(id)).Should().ContainSingle(e => e.Type == RetentionFollowUpService.RetentionFollowUpImpossible);
        (await _h.RequestAsync(id)).Status.Should().Be(RequestStatus.CompletedWithExceptions);
        _h.Workflow.Starts.Should().HaveCount(starts);
    }

    [Fact]
    public async Task ShredAsync_AfterTheRetentionEnded_Shreds()
    {
        var id = await ErasedEverywhereAsync();
        _h.Time.SetUtcNow(new DateTimeOffset(2030, 3, 4, 9, 0, 0, TimeSpan.Zero));

        var shred = await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id));

        shred.Outcome.Should().Be("shredded");
    }

    [Fact]
    public async Task ComposeRender_BeyondUseAndProcessor_SaysWhenBackupsExpire()
    {
        var request = TestRequestsWith(
            new SystemErasureState("support-desk", SystemErasureStatus.BeyondUse) { RetainUntil = new DateOnly(2025, 4, 2), RetainedData = "backups" },
            new SystemErasureState("crm", SystemErasureStatus.Erased));
        var registry = Erasure.Registry.SystemRegistry.Parse(ServiceHarness.Registry.Replace("    mode: async", "    mode: async\n    role: processor", StringComparison.Ordinal), "test.yaml");

        var text = ReplyTemplates.Defaults.Render(SubjectReply.Compose(request, new DateOnly(2025, 3, 20), registry)).Text;

        text.Should().Contain("  - support-desk (held for us by a service provider, whom we instructed to erase it)")
            .And.Contain("Copies in the backups of support-desk are put beyond use")
            .And.Contain("they expire on 2 April 2025");
    }

    private static ErasureRequest TestRequestsWith(params SystemErasureState[] systems) =>
        Requests.TestRequests.New("r-1", RequestStatus.Completed) with { Systems = systems };

    /// <summary>orders retains invoices (Parcel carrier told), crm erased, marketing held nothing; the request completes.</summary>
    private async Task<string> ErasedEverywhereAsync()
    {
        var id = await _h.StartedRequestAsync();
        var execution = ServiceHarness.ExecutionOf(id);
        foreach (var system in new[] { "orders", "crm", "marketing" })
        {
            var answer = await _h.SyncErase.EraseAsync(id, execution, system);
            await _h.Ledger.SystemErasedAsync(id, execution, system, answer);
            if (RecipientsService.IsRequiredFor(answer.Outcome))
            {
                await _h.Ledger.RecipientsNotifiedAsync(id, execution, system, await _h.Recipients.NotifyAsync(id, execution, system));
            }
        }

        var outcomes = new[]
        {
            new SystemSummary("orders", SystemSummary.ResultErased, "retained", "sent"),
            new SystemSummary("crm", SystemSummary.ResultErased, "erased", "sent"),
            new SystemSummary("marketing", SystemSummary.ResultErased, "not_held", "not_required"),
        };
        await _h.Finalizer.FinalizeAsync(id, execution, outcomes);
        return id;
    }
}
