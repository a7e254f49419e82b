using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class CancelServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task CancelAsync_Running_RecordsTheWithdrawalThenStopsTheExecution()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Ledger.SystemErasedAsync(id, ServiceHarness.ExecutionOf(id), "crm", ErasureAnswer.Erased("crm:1"));
        await _h.Ledger.SystemDispatchedAsync(id, ServiceHarness.ExecutionOf(id), "support-desk", ErasureMode.Async);

        var result = await _h.Cancel.CancelAsync(id, "officer-1", "withdrawn-by-subject");

        result.Should().Be(new CancelResult(id, RequestStatus.Cancelled, true, WorkflowStopResult.Stopped));
        var request = await _h.RequestAsync(id);
        request.Outcome.Should().BeEquivalentTo(new { Status = RequestStatus.Cancelled, RecordedBy = "Cancel" });
        request.FindSystem("crm")!.Status.Should().Be(SystemErasureStatus.Erased);
        request.FindSystem("support-desk")!.Status.Should().Be(SystemErasureStatus.Skipped);
        _h.Workflow.Stops.Should().ContainSingle().Which.Should().Be((id, ServiceHarness.ExecutionOf(id), "Erasure.Cancelled", "Request withdrawn: withdrawn-by-subject."));
        (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.RequestCancelled).Actor.Should().Be("officer-1");
    }

    [Fact]
    public async Task CancelAsync_Repeated_NothingChangesAndTheStopIsRepeated()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Cancel.CancelAsync(id, "officer-1");
        var version = (await _h.RequestAsync(id)).Version;

        var again = await _h.Cancel.CancelAsync(id, "officer-2", "duplicate-request");

        again.Should().Be(new CancelResult(id, RequestStatus.Cancelled, false, WorkflowStopResult.NotRunning));
        (await _h.RequestAsync(id)).Version.Should().Be(version);
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.RequestCancelled).Should().Be(1);
    }

    [Fact]
    public async Task CancelAsync_BeforeTheWorkflowRecordedItsStart_StopsByRequestId()
    {
        var intake = await _h.Intake.SubmitAsync(ServiceHarness.Submission());

        var result = await _h.Cancel.CancelAsync(intake.RequestId, "subject");

        result.Workflow.Should().Be(WorkflowStopResult.Stopped);
        _h.Workflow.Stops.Single().ExecutionId.Should().BeNull();
    }

    [Fact]
    public async Task CancelAsync_Completed_Conflict()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Finalizer.FinalizeAsync(id, ServiceHarness.ExecutionOf(id), []);

        var act = () => _h.Cancel.CancelAsync(id, "officer-1");

        (await act.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Contain("Completed");
    }

    [Fact]
    public async Task CancelAsync_Unknown_NotFound()
    {
        var act = () => _h.Cancel.CancelAsync("req-missing", "officer-1");

        await act.Should().ThrowAsync<NotFoundException>();
    }
}
