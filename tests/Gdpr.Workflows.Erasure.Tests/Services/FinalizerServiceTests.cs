using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class FinalizerServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static SystemSummary Erased(string system, string erasure = "erased", string recipients = "sent") => new(system, "erased", erasure, recipients);

    public static TheoryData<SystemSummary[], RequestStatus> Decisions() => new()
    {
        { [], RequestStatus.Completed },
        { [Erased("crm"), Erased("marketing", "not_held")], RequestStatus.Completed },
        { [Erased("crm"), Erased("orders", "retained")], RequestStatus.CompletedWithExceptions },
        { [Erased("crm"), new SystemSummary("support-desk", "no_response", Error: "States.Timeout")], RequestStatus.CompletedWithExceptions },
        { [Erased("crm", recipients: "failed")], RequestStatus.CompletedWithExceptions },
        { [new SystemSummary("crm", "failed", Error: "Erasure.ConnectorFailed"), new SystemSummary("support-desk", "no_response")], RequestStatus.Failed },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Decide_Outcomes_Status(SystemSummary[] outcomes, RequestStatus expected) =>
        FinalizerService.Decide(outcomes).Status.Should().Be(expected);

    [Fact]
    public void Decide_Mixed_CountsEveryKind()
    {
        var (_, counts) = FinalizerService.Decide(
        [
            Erased("a"), Erased("b", "not_held"), Erased("c", "retained", "failed"),
            new SystemSummary("d", "failed"), new SystemSummary("e", "no_response"),
        ]);

        counts.Should().Be(new ErasureCounts(5, 1, 1, 1, 1, 1, 1));
    }

    [Theory]
    [InlineData("skipped", "erased")]
    [InlineData("erased", "gone")]
    [InlineData("erased", null)]
    public void Decide_UnknownResult_InvalidInput(string result, string? erasure)
    {
        var act = () => FinalizerService.Decide([new SystemSummary("crm", result, erasure)]);

        act.Should().Throw<InvalidInputException>();
    }

    [Fact]
    public async Task FinalizeAsync_Outcomes_StoresTheStatusOnceAndAuditsIt()
    {
        var id = await _h.StartedRequestAsync();

        var result = await _h.Finalizer.FinalizeAsync(id, ServiceHarness.ExecutionOf(id), [Erased("crm"), Erased("orders", "retained")]);

        result.Should().BeEquivalentTo(new { Status = RequestStatus.CompletedWithExceptions, StoredNow = true });
        var request = await _h.RequestAsync(id);
        request.IsOpen.Should().BeFalse();
        request.Outcome.Should().BeEquivalentTo(new { Status = RequestStatus.CompletedWithExceptions, RecordedBy = "Finalizer", Counts = new ErasureCounts(2, 1, 0, 1, 0, 0, 0) });
        (await _h.AuditOfAsync(id)).Single(e => e.Type == AuditEventType.RequestCompleted).Details["status"].Should().Be("CompletedWithExceptions");
    }

    [Fact]
    public async Task FinalizeAsync_Repeated_FirstStoredStatusWins()
    {
        var id = await _h.StartedRequestAsync();
        var first = await _h.Finalizer.FinalizeAsync(id, ServiceHarness.ExecutionOf(id), [Erased("crm")]);

        var second = await _h.Finalizer.FinalizeAsync(id, ServiceHarness.ExecutionOf(id), [new SystemSummary("crm", "failed")]);

        second.Should().Be(first with { StoredNow = false });
        (await _h.AuditOfAsync(id)).Count(e => e.Type == AuditEventType.RequestCompleted).Should().Be(1);
    }

    [Fact]
    public async Task FinalizeAsync_AfterCancel_ReturnsTheCancellation()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Cancel.CancelAsync(id, "officer-1");

        var result = await _h.Finalizer.FinalizeAsync(id, ServiceHarness.ExecutionOf(id), [Erased("crm")]);

        result.Should().BeEquivalentTo(new { Status = RequestStatus.Cancelled, StoredNow = false });
    }

    [Fact]
    public void ToJson_Result_StatusAndCounts()
    {
        var json = new FinalizeResult("req-1", RequestStatus.Completed, new ErasureCounts(2, 1, 1, 0, 0, 0, 0), true).ToJson();

        json.ToJsonString().Should().Be("""{"status":"Completed","counts":{"systems":2,"erased":1,"notHeld":1,"retained":0,"failed":0,"noResponse":0,"recipientsFailed":0}}""");
    }
}
