using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Erasure.Tests.Audit;

public class AuditLedgerTests
{
    private readonly FakeTimeProvider _time = new(AuditChains.Start);

    [Fact]
    public async Task AppendAsync_TwoEvents_ChainsThemFromGenesis()
    {
        var ledger = new AuditLedger(new InMemoryAuditLedgerStore(), _time);

        var first = await ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.RequestReceived, "api"));
        var second = await ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.IdentityVerified, "api"));

        first.Sequence.Should().Be(1);
        first.PreviousHash.Should().Be(AuditEvent.GenesisHash);
        second.Sequence.Should().Be(2);
        second.PreviousHash.Should().Be(first.Hash);
        (await ledger.ReadAsync("req-1")).Should().Equal(first, second);
        (await ledger.VerifyAsync("req-1")).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task AppendAsync_ClockWithSubMillisecondTicks_RecordsWholeMilliseconds()
    {
        _time.SetUtcNow(new DateTimeOffset(2025, 2, 1, 8, 0, 0, 250, TimeSpan.Zero).AddTicks(4321));
        var ledger = new AuditLedger(new InMemoryAuditLedgerStore(), _time);

        var appended = await ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.RequestReceived, "api"));

        appended.OccurredAt.Should().Be(new DateTimeOffset(2025, 2, 1, 8, 0, 0, 250, TimeSpan.Zero));
    }

    [Fact]
    public async Task AppendAsync_RequestsAreSeparateChains()
    {
        var ledger = new AuditLedger(new InMemoryAuditLedgerStore(), _time);

        await ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.RequestReceived, "api"));
        var other = await ledger.AppendAsync("req-2", new AuditEventDraft(AuditEventType.RequestReceived, "api"));

        other.Sequence.Should().Be(1);
        other.PreviousHash.Should().Be(AuditEvent.GenesisHash);
    }

    [Fact]
    public async Task AppendAsync_SixteenConcurrentWritersFiftyEachAgainstOneStore_NeitherLoseDuplicateNorFork()
    {
        const int writers = 16;
        const int appendsPerWriter = 50;
        var store = new InterleavingStore(new InMemoryAuditLedgerStore());

        // One ledger per writer, as separate Lambda instances would have; only the store is shared.
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var ledger = new AuditLedger(store, _time);
            for (var n = 0; n < appendsPerWriter; n++)
            {
                await ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.SystemErased, $"writer-{writer}")
                {
                    Details = new Dictionary<string, string> { ["n"] = n.ToString(CultureInfo.InvariantCulture) },
                });
            }
        })));

        var events = await store.ReadAllAsync("req-1");
        events.Should().HaveCount(writers * appendsPerWriter);
        events.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, writers * appendsPerWriter).Select(i => (long)i));
        events.Select(e => (e.Actor, e.Details["n"])).Should().OnlyHaveUniqueItems();
        foreach (var byWriter in events.GroupBy(e => e.Actor))
        {
            byWriter.Select(e => int.Parse(e.Details["n"], CultureInfo.InvariantCulture)).Should().Equal(Enumerable.Range(0, appendsPerWriter));
        }

        AuditChainVerifier.Verify(events).Ok.Should().BeTrue();
        store.Conflicts.Should().BePositive("the writers must really have raced for the same sequence numbers");
    }

    [Fact]
    public async Task AppendAsync_SameIdempotencyKeyTwice_RecordsOneEvent()
    {
        var ledger = new AuditLedger(new InMemoryAuditLedgerStore(), _time);
        var draft = new AuditEventDraft(AuditEventType.SystemErased, "worker") { System = "crm", IdempotencyKey = "exec-9/EraseCrm" };

        var first = await ledger.AppendAsync("req-1", draft);
        _time.Advance(TimeSpan.FromMinutes(5));
        var second = await ledger.AppendAsync("req-1", draft);

        second.Should().BeSameAs(first);
        (await ledger.ReadAsync("req-1")).Should().ContainSingle();
    }

    [Fact]
    public async Task AppendAsync_SameIdempotencyKeyFromConcurrentWriters_RecordsOneEvent()
    {
        var store = new InterleavingStore(new InMemoryAuditLedgerStore());
        var draft = new AuditEventDraft(AuditEventType.SystemErased, "worker") { System = "crm", IdempotencyKey = "exec-9/EraseCrm" };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => new AuditLedger(store, _time).AppendAsync("req-1", draft))));

        (await store.ReadAllAsync("req-1")).Should().ContainSingle();
        results.Select(e => e.Hash).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task AppendAsync_IdempotencyKeyLookupMissesButStoreHasIt_ReturnsTheStoredEvent()
    {
        var inner = new InMemoryAuditLedgerStore();
        var draft = new AuditEventDraft(AuditEventType.SystemErased, "worker") { IdempotencyKey = "k-1" };
        var first = await new AuditLedger(inner, _time).AppendAsync("req-1", draft);

        // An eventually consistent key index (like a GSI) that has not caught up yet.
        var again = await new AuditLedger(new StaleKeyIndexStore(inner), _time).AppendAsync("req-1", draft);

        again.Should().BeSameAs(first);
        (await inner.ReadAllAsync("req-1")).Should().ContainSingle();
    }

    [Fact]
    public async Task AppendAsync_IdempotencyKeyReusedForOtherContent_Throws()
    {
        var ledger = new AuditLedger(new InMemoryAuditLedgerStore(), _time);
        await ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.SystemErased, "worker") { System = "crm", IdempotencyKey = "k-1" });

        var act = () => ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.SystemErased, "worker") { System = "billing", IdempotencyKey = "k-1" });

        (await act.Should().ThrowAsync<AuditIdempotencyConflictException>()).Which.Existing!.Sequence.Should().Be(1);
    }

    [Fact]
    public async Task AppendAsync_EveryAttemptConflicts_GivesUpAfterMaxAttempts()
    {
        var store = new AlwaysConflictingStore();
        var ledger = new AuditLedger(store, _time, new AuditLedgerOptions { MaxAttempts = 5 });

        var act = () => ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.RequestReceived, "api"));

        await act.Should().ThrowAsync<AuditLedgerContentionException>().WithMessage("*5 attempts*");
        store.Attempts.Should().Be(5);
    }

    [Fact]
    public async Task AppendAsync_Cancelled_Throws()
    {
        var ledger = new AuditLedger(new InMemoryAuditLedgerStore(), _time);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.RequestReceived, "api"), cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task AppendAsync_DraftWithPersonalData_ThrowsAndStoresNothing()
    {
        var store = new InMemoryAuditLedgerStore();
        var ledger = new AuditLedger(store, _time);
        var draft = new AuditEventDraft(AuditEventType.RequestReceived, "api") { Details = new Dictionary<string, string> { ["from"] = "alice@example.com" } };

        var act = () => ledger.AppendAsync("req-1", draft);

        await act.Should().ThrowAsync<ArgumentException>();
        (await store.ReadAllAsync("req-1")).Should().BeEmpty();
    }

    [Fact]
    public async Task VerifyAsync_TrustedHeadAheadOfStore_ReportsRemoved()
    {
        var ledger = new AuditLedger(new InMemoryAuditLedgerStore(), _time);
        var only = await ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.RequestReceived, "api"));

        var result = await ledger.VerifyAsync("req-1", new AuditChainHead(2, only.Hash));

        result.Break!.Kind.Should().Be(AuditChainBreakKind.Removed);
    }

    [Fact]
    public async Task AppendAsync_WithIdempotencyKey_ReadsOnlyTheHeadBeforeAppending()
    {
        var store = new CountingStore(new InMemoryAuditLedgerStore());
        var ledger = new AuditLedger(store, _time);

        await ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.RequestReceived, "api") { IdempotencyKey = "k1" });

        store.Calls.Should().Equal("GetLast", "TryAppend");
    }

    [Fact]
    public async Task AppendAllAsync_ThreeDrafts_ChainsThemReadingTheHeadOnce()
    {
        var store = new CountingStore(new InMemoryAuditLedgerStore());
        var ledger = new AuditLedger(store, _time);
        await ledger.AppendAsync("req-1", new AuditEventDraft(AuditEventType.RequestReceived, "api"));
        store.Calls.Clear();

        var appended = await ledger.AppendAllAsync("req-1", [
            new AuditEventDraft(AuditEventType.SubjectsSealed, "api") { IdempotencyKey = "a" },
            new AuditEventDraft(AuditEventType.IdentityVerified, "api") { IdempotencyKey = "b" },
            new AuditEventDraft(AuditEventType.RequestStarted, "api"),
        ]);

        appended.Select(e => e.Sequence).Should().Equal(2, 3, 4);
        store.Calls.Should().Equal("GetLast", "TryAppend", "TryAppend", "TryAppend");
        (await ledger.VerifyAsync("req-1")).Ok.Should().BeTrue();
    }

    [Fact]
    public async Task AppendAllAsync_RunAgainAfterItCompleted_ReturnsTheSameEventsAndAppendsNothing()
    {
        var ledger = new AuditLedger(new InMemoryAuditLedgerStore(), _time);
        AuditEventDraft[] drafts =
        [
            new AuditEventDraft(AuditEventType.RequestReceived, "intake") { IdempotencyKey = "intake:received" },
            new AuditEventDraft(AuditEventType.SubjectsSealed, "intake") { IdempotencyKey = "intake:sealed" },
        ];
        var first = await ledger.AppendAllAsync("req-1", drafts);
        _time.Advance(TimeSpan.FromMinutes(1));

        var again = await ledger.AppendAllAsync("req-1", drafts);

        again.Should().Equal(first);
        (await ledger.ReadAsync("req-1")).Should().HaveCount(2);
    }

    [Fact]
    public async Task AppendAllAsync_AnotherWriterAppendsBetweenDrafts_ChainsAfterTheirEvent()
    {
        var inner = new InMemoryAuditLedgerStore();
        var other = new AuditLedger(inner, _time);
        var store = new CountingStore(inner)
        {
            // The moment our first draft is stored, someone else appends.
            AfterAppend = () => other.AppendAsync("req-1", new AuditEventDraft(AuditEventType.IdentityVerified, "officer")),
        };

        var appended = await new AuditLedger(store, _time).AppendAllAsync("req-1", [
            new AuditEventDraft(AuditEventType.RequestReceived, "intake"),
            new AuditEventDraft(AuditEventType.SubjectsSealed, "intake"),
        ]);

        appended.Select(e => e.Sequence).Should().Equal(1, 3);
        (await other.ReadAsync("req-1")).Select(e => e.Type).Should().Equal(
            AuditEventType.RequestReceived, AuditEventType.IdentityVerified, AuditEventType.SubjectsSealed);
        (await other.VerifyAsync("req-1")).Ok.Should().BeTrue();
    }

    /// <summary>Records which store calls the ledger makes; can act right after an append (once).</summary>
    private sealed class CountingStore(IAuditLedgerStore inner) : IAuditLedgerStore
    {
        public List<string> Calls { get; } = [];

        public Func<Task>? AfterAppend { get; set; }

        public async Task<AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            Calls.Add("TryAppend");
            var result = await inner.TryAppendAsync(auditEvent, cancellationToken);
            if (AfterAppend is { } act)
            {
                AfterAppend = null;
                await act();
            }

            return result;
        }

        public Task<AuditEvent?> GetLastAsync(string requestId, CancellationToken cancellationToken = default)
        {
            Calls.Add("GetLast");
            return inner.GetLastAsync(requestId, cancellationToken);
        }

        public Task<AuditEvent?> FindByIdempotencyKeyAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            Calls.Add("FindByIdempotencyKey");
            return inner.FindByIdempotencyKeyAsync(requestId, idempotencyKey, cancellationToken);
        }

        public Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string requestId, CancellationToken cancellationToken = default) =>
            inner.ReadAllAsync(requestId, cancellationToken);
    }

    /// <summary>Yields before every call so concurrent writers interleave between reading the head and appending.</summary>
    private sealed class InterleavingStore(IAuditLedgerStore inner) : IAuditLedgerStore
    {
        private int _conflicts;

        public int Conflicts => Volatile.Read(ref _conflicts);

        public async Task<AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            var result = await inner.TryAppendAsync(auditEvent, cancellationToken);
            if (result.Status == AuditAppendStatus.SequenceConflict)
            {
                Interlocked.Increment(ref _conflicts);
            }

            return result;
        }

        public async Task<AuditEvent?> GetLastAsync(string requestId, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await inner.GetLastAsync(requestId, cancellationToken);
        }

        public async Task<AuditEvent?> FindByIdempotencyKeyAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await inner.FindByIdempotencyKeyAsync(requestId, idempotencyKey, cancellationToken);
        }

        public Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string requestId, CancellationToken cancellationToken = default) =>
            inner.ReadAllAsync(requestId, cancellationToken);
    }

    private sealed class StaleKeyIndexStore(IAuditLedgerStore inner) : IAuditLedgerStore
    {
        public Task<AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            inner.TryAppendAsync(auditEvent, cancellationToken);

        public Task<AuditEvent?> GetLastAsync(string requestId, CancellationToken cancellationToken = default) =>
            inner.GetLastAsync(requestId, cancellationToken);

        public Task<AuditEvent?> FindByIdempotencyKeyAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default) =>
            Task.FromResult<AuditEvent?>(null);

        public Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string requestId, CancellationToken cancellationToken = default) =>
            inner.ReadAllAsync(requestId, cancellationToken);
    }

    private sealed class AlwaysConflictingStore : IAuditLedgerStore
    {
        public int Attempts { get; private set; }

        public Task<AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            Attempts++;
            return Task.FromResult(AuditAppendResult.SequenceConflict);
        }

        public Task<AuditEvent?> GetLastAsync(string requestId, CancellationToken cancellationToken = default) => Task.FromResult<AuditEvent?>(null);

        public Task<AuditEvent?> FindByIdempotencyKeyAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default) =>
            Task.FromResult<AuditEvent?>(null);

        public Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string requestId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<AuditEvent>>([]);
    }
}
