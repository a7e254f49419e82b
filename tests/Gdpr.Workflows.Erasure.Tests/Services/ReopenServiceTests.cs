using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class ReopenServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ReopenAsync_CompletedWithAFailedSystem_OpensItAgainAndStartsRunTwoForThatSystem()
    {
        var id = await EndedWithMarketingFailedAsync();

        var reopened = await _h.Reopen.ReopenAsync(id, "officer-1");

        reopened.Run.Should().Be(2);
        reopened.Systems.Should().Equal("marketing");
        reopened.ExecutionId.Should().EndWith(id + "--run-2");
        var request = await _h.RequestAsync(id);
        request.Status.Should().Be(RequestStatus.InProgress);
        request.Outcome.Should().BeNull();
        request.FindSystem("marketing")!.Status.Should().Be(SystemErasureStatus.Pending);
        request.FindSystem("crm")!.Status.Should().Be(SystemErasureStatus.Erased);
        var audited = (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.RequestReopened);
        (audited.Actor, audited.Details["systems"], audited.Details["previousStatus"]).Should().Be(("officer-1", "marketing", "CompletedWithExceptions"));
    }

    [Fact]
    public async Task ReopenAsync_SecondRunOfAReopenedRequest_PlansOnlyTheUnsettledSystemsAndCountsTheEarlierAnswers()
    {
        var id = await EndedWithMarketingFailedAsync();
        var reopened = await _h.Reopen.ReopenAsync(id, "officer-1");
        await _h.Ledger.RequestStartedAsync(id, reopened.ExecutionId);

        var plan = await _h.SystemsList.ListAsync(id, reopened.ExecutionId);
        await _h.Ledger.SystemErasedAsync(id, reopened.ExecutionId, "marketing", ErasureAnswer.Erased("m:2"));
        var final = await _h.Finalizer.FinalizeAsync(id, reopened.ExecutionId, [new SystemSummary("marketing", "erased", "erased", "sent")]);

        plan.Systems.Select(s => s.System).Should().Equal("marketing");
        final.Status.Should().Be(RequestStatus.Completed);
        final.Counts.Should().Be(new ErasureCounts(Systems: 4, Erased: 4, NotHeld: 0, Retained: 0, Failed: 0, NoResponse: 0, RecipientsFailed: 0));
    }

    [Fact]
    public async Task ReopenAsync_CompletedRequest_IsAConflict()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Finalizer.FinalizeAsync(id, ServiceHarness.ExecutionOf(id), [new SystemSummary("crm", "erased", "erased")]);

        var reopen = () => _h.Reopen.ReopenAsync(id, "officer-1");

        await reopen.Should().ThrowAsync<ConflictException>().WithMessage("*nothing to retry*");
    }

    [Fact]
    public async Task ReopenAsync_OpenRequest_IsAConflict()
    {
        var id = await _h.StartedRequestAsync();

        var reopen = () => _h.Reopen.ReopenAsync(id, "officer-1");

        await reopen.Should().ThrowAsync<ConflictException>().WithMessage("*still running*");
    }

    [Fact]
    public async Task ReopenAsync_IdentifiersShredded_IsAConflict()
    {
        var id = await EndedWithMarketingFailedAsync();
        await _h.Vault.ShredAsync(id);

        var reopen = () => _h.Reopen.ReopenAsync(id, "officer-1");

        await reopen.Should().ThrowAsync<ConflictException>().WithMessage("*shredded*");
        (await _h.RequestAsync(id)).Status.Should().Be(RequestStatus.CompletedWithExceptions);
    }

    [Fact]
    public async Task ShredAsync_RequestEndedWithAFailedSystem_KeepsTheIdentifiersForARetry()
    {
        var id = await EndedWithMarketingFailedAsync();

        var result = await _h.Shredder.ShredAsync(id, ServiceHarness.ExecutionOf(id));

        result.Outcome.Should().Be(ShredService.KeptForRetry);
        (await _h.Vault.GetStateAsync(id)).Should().Be(SubjectVaultState.Sealed);
        (await _h.AuditOfAsync(id)).Should().ContainSingle(e => e.Type == AuditEventType.SubjectsKeptForRetry);
    }

    [Fact]
    public async Task ShredAsync_StoppedExecutionWithWorkLeft_ShredsAnyway()
    {
        var id = await EndedWithMarketingFailedAsync();

        var result = await _h.Shredder.ShredAsync(ExecutionNames.Of(id, 2), ServiceHarness.ExecutionOf(id) + "--run-2", "ABORTED");

        result.Outcome.Should().Be("shredded");
        (await _h.Vault.GetStateAsync(id)).Should().Be(SubjectVaultState.Shredded);
    }

    /// <summary>orders, crm and the desk erased; marketing failed; finalized CompletedWithExceptions.</summary>
    private async Task<string> EndedWithMarketingFailedAsync()
    {
        var id = await _h.StartedRequestAsync();
        var execution = ServiceHarness.ExecutionOf(id);
        foreach (var system in new[] { "orders", "crm", "support-desk" })
        {
            await _h.Ledger.SystemErasedAsync(id, execution, system, ErasureAnswer.Erased(system + ":1"));
        }

        await _h.Ledger.SystemErasureFailedAsync(id, execution, "marketing", "Erasure.ConnectorFailed");
        await _h.Finalizer.FinalizeAsync(id, execution,
        [
            new SystemSummary("orders", "erased", "erased"), new SystemSummary("crm", "erased", "erased"),
            new SystemSummary("support-desk", "erased", "erased"), new SystemSummary("marketing", "failed", Error: "Erasure.ConnectorFailed"),
        ]);
        return id;
    }
}
