using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Tests.Audit;

namespace Gdpr.Workflows.Erasure.Tests.Ports;

public class InMemoryAuditLedgerStoreTests
{
    [Fact]
    public async Task TryAppendAsync_NextSequence_Appends()
    {
        var store = new InMemoryAuditLedgerStore();
        var events = AuditChains.Build(2);

        (await store.TryAppendAsync(events[0])).Status.Should().Be(AuditAppendStatus.Appended);
        (await store.TryAppendAsync(events[1])).Status.Should().Be(AuditAppendStatus.Appended);

        (await store.ReadAllAsync("req-1")).Should().Equal(events);
        (await store.GetLastAsync("req-1")).Should().BeSameAs(events[1]);
    }

    [Fact]
    public async Task TryAppendAsync_SequenceAlreadyTaken_ReportsConflictAndKeepsTheFirst()
    {
        var store = new InMemoryAuditLedgerStore();
        var events = AuditChains.Build(1);
        await store.TryAppendAsync(events[0]);

        var rival = AuditChains.Forge(1, AuditEvent.GenesisHash);

        (await store.TryAppendAsync(rival)).Status.Should().Be(AuditAppendStatus.SequenceConflict);
        (await store.ReadAllAsync("req-1")).Should().ContainSingle().Which.Should().BeSameAs(events[0]);
    }

    [Fact]
    public async Task TryAppendAsync_SequenceLeavingAGap_Throws()
    {
        var store = new InMemoryAuditLedgerStore();

        var act = () => store.TryAppendAsync(AuditChains.Build(2)[1]);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*gap*");
    }

    [Fact]
    public async Task TryAppendAsync_IdempotencyKeyUsed_ReturnsTheExistingEvent()
    {
        var store = new InMemoryAuditLedgerStore();
        var draft = new AuditEventDraft(AuditEventType.RequestReceived, "api") { IdempotencyKey = "k-1" };
        var first = AuditEvent.CreateChained("req-1", 1, AuditChains.Start, draft, AuditEvent.GenesisHash);
        var second = AuditEvent.CreateChained("req-1", 2, AuditChains.Start, draft, first.Hash);
        await store.TryAppendAsync(first);

        var result = await store.TryAppendAsync(second);

        result.Status.Should().Be(AuditAppendStatus.DuplicateIdempotencyKey);
        result.Existing.Should().BeSameAs(first);
        (await store.FindByIdempotencyKeyAsync("req-1", "k-1")).Should().BeSameAs(first);
        (await store.ReadAllAsync("req-1")).Should().HaveCount(1);
    }

    [Fact]
    public async Task ReadAllAsync_UnknownRequest_IsEmpty()
    {
        var store = new InMemoryAuditLedgerStore();

        (await store.ReadAllAsync("req-none")).Should().BeEmpty();
        (await store.GetLastAsync("req-none")).Should().BeNull();
        (await store.FindByIdempotencyKeyAsync("req-none", "k")).Should().BeNull();
    }

    [Fact]
    public async Task ReadAllAsync_LaterAppend_EarlierResultUnchanged()
    {
        var store = new InMemoryAuditLedgerStore();
        var events = AuditChains.Build(2);
        await store.TryAppendAsync(events[0]);

        var snapshot = await store.ReadAllAsync("req-1");
        await store.TryAppendAsync(events[1]);

        snapshot.Should().HaveCount(1);
    }
}
