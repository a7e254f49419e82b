using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class HistoryServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task GetAsync_Request_EventsInSequenceWithAnIntactChain()
    {
        var id = await _h.StartedRequestAsync();
        await _h.Cancel.CancelAsync(id, "officer-1");

        var history = await _h.History.GetAsync(id);

        history.Events.Select(e => e.Type).Should().Equal("RequestReceived", "SubjectsSealed", "RequestStarted", "RequestCancelled");
        history.Events.Select(e => e.Sequence).Should().BeInAscendingOrder();
        history.ChainIntact.Should().BeTrue();
        history.ChainBreak.Should().BeNull();
    }

    [Fact]
    public async Task GetAsync_TamperedEvent_ReportsTheBreak()
    {
        var id = await _h.StartedRequestAsync();
        var events = await _h.AuditOfAsync(id);
        var tampered = new InMemoryAuditLedgerStoreWith(events.Select((e, i) => i != 1 ? e
            : new AuditEvent(e.RequestId, e.Sequence, e.OccurredAt, e.Type, "intruder", e.System, e.SubjectHash, e.Details, e.IdempotencyKey, e.PreviousHash, e.Hash)));

        var history = await new Erasure.Services.HistoryService(new AuditLedger(tampered, _h.Time)).GetAsync(id);

        history.ChainIntact.Should().BeFalse();
        history.ChainBreak.Should().Contain("#2");
    }

    [Fact]
    public async Task GetAsync_NoTrail_NotFound()
    {
        var act = () => _h.History.GetAsync("req-missing");

        await act.Should().ThrowAsync<NotFoundException>();
    }

    private sealed class InMemoryAuditLedgerStoreWith(IEnumerable<AuditEvent> events) : Erasure.Ports.IAuditLedgerStore
    {
        private readonly List<AuditEvent> _events = events.ToList();

        public Task<Erasure.Ports.AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<AuditEvent?> GetLastAsync(string requestId, CancellationToken cancellationToken = default) => Task.FromResult<AuditEvent?>(_events[^1]);

        public Task<AuditEvent?> FindByIdempotencyKeyAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default) =>
            Task.FromResult(_events.FirstOrDefault(e => e.IdempotencyKey == idempotencyKey));

        public Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string requestId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<AuditEvent>>(_events);
    }
}
