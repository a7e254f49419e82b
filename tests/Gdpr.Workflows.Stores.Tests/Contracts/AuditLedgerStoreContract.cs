using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Stores.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Stores.Tests.Contracts;

/// <summary>
/// What every <see cref="IAuditLedgerStore"/> promises, run against each implementation (in-memory,
/// SQLite, DynamoDB on moto, a real DynamoDB endpoint).
/// </summary>
public abstract class AuditLedgerStoreContract : IAsyncLifetime
{
    protected IAuditLedgerStore Store { get; private set; } = null!;

    /// <summary>Appends per writer in the 16-writer race; lower where each round trip is slow.</summary>
    protected virtual int EventsPerConcurrentWriter => 8;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ContractFact]
    public async Task TryAppend_FirstEvent_ReadsBackFieldForField()
    {
        var requestId = AuditSamples.NewRequestId();
        var subject = AuditSamples.SubjectHash("alice");
        var first = AuditSamples.Next(requestId, null, AuditSamples.Draft(1, "intake:1", system: "crm", subjectHash: subject));

        var result = await Store.TryAppendAsync(first);

        result.Status.Should().Be(AuditAppendStatus.Appended);
        var stored = (await Store.ReadAllAsync(requestId)).Should().ContainSingle().Subject;
        ShouldEqual(stored, first);
        stored.HasValidHash.Should().BeTrue();
        ShouldEqual((await Store.GetLastAsync(requestId))!, first);
        ShouldEqual((await Store.FindByIdempotencyKeyAsync(requestId, "intake:1"))!, first);
    }

    [ContractFact]
    public async Task TryAppend_EventWithoutOptionalFields_ReadsBackWithNulls()
    {
        var requestId = AuditSamples.NewRequestId();
        var bare = AuditEvent.CreateChained(requestId, 1, AuditSamples.Start, new AuditEventDraft(AuditEventType.RequestReceived, "subject"), AuditEvent.GenesisHash);

        await Store.TryAppendAsync(bare);

        var stored = (await Store.GetLastAsync(requestId))!;
        ShouldEqual(stored, bare);
        stored.System.Should().BeNull();
        stored.SubjectHash.Should().BeNull();
        stored.IdempotencyKey.Should().BeNull();
        stored.Details.Should().BeEmpty();
    }

    [ContractFact]
    public async Task TryAppend_SequenceTaken_ReturnsSequenceConflictAndKeepsTheFirst()
    {
        var requestId = AuditSamples.NewRequestId();
        var first = AuditSamples.Next(requestId, null);
        await Store.TryAppendAsync(first);
        var rival = AuditEvent.CreateChained(requestId, 1, AuditSamples.Start.AddHours(1), AuditSamples.Draft(7), AuditEvent.GenesisHash);

        var result = await Store.TryAppendAsync(rival);

        result.Status.Should().Be(AuditAppendStatus.SequenceConflict);
        ShouldEqual((await Store.ReadAllAsync(requestId)).Single(), first);
    }

    [ContractFact]
    public async Task TryAppend_SequenceBeyondNext_ThrowsAndStoresNothing()
    {
        var requestId = AuditSamples.NewRequestId();
        var chain = AuditSamples.Chain(requestId, 3);
        await Store.TryAppendAsync(chain[0]);

        var gap = () => Store.TryAppendAsync(chain[2]);

        (await gap.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*gap*next sequence is 2*");
        (await Store.ReadAllAsync(requestId)).Should().ContainSingle();
    }

    [ContractFact]
    public async Task TryAppend_FirstEventNotSequenceOne_Throws()
    {
        var requestId = AuditSamples.NewRequestId();
        var second = AuditEvent.CreateChained(requestId, 2, AuditSamples.Start, AuditSamples.Draft(2), AuditEvent.GenesisHash);

        var gap = () => Store.TryAppendAsync(second);

        await gap.Should().ThrowAsync<InvalidOperationException>();
        (await Store.GetLastAsync(requestId)).Should().BeNull();
    }

    [ContractFact]
    public async Task TryAppend_IdempotencyKeyUsed_ReturnsDuplicateWithTheRecordedEvent()
    {
        var requestId = AuditSamples.NewRequestId();
        var first = AuditSamples.Next(requestId, null, AuditSamples.Draft(1, "step-a"));
        await Store.TryAppendAsync(first);
        var again = AuditSamples.Next(requestId, first, AuditSamples.Draft(2, "step-a"));

        var result = await Store.TryAppendAsync(again);

        result.Status.Should().Be(AuditAppendStatus.DuplicateIdempotencyKey);
        ShouldEqual(result.Existing!, first);
        (await Store.ReadAllAsync(requestId)).Should().ContainSingle();
    }

    [ContractFact]
    public async Task TryAppend_SameEventWithKeyRetried_IsRecordedOnce()
    {
        var requestId = AuditSamples.NewRequestId();
        var first = AuditSamples.Next(requestId, null, AuditSamples.Draft(1, "retry-me"));
        await Store.TryAppendAsync(first);

        var retry = await Store.TryAppendAsync(first);

        // A retry either finds its key (DuplicateIdempotencyKey with the same event) or is recognised as the same write (Appended).
        retry.Status.Should().BeOneOf(AuditAppendStatus.DuplicateIdempotencyKey, AuditAppendStatus.Appended);
        if (retry.Existing is { } existing)
        {
            existing.Hash.Should().Be(first.Hash);
        }

        (await Store.ReadAllAsync(requestId)).Should().ContainSingle().Which.Hash.Should().Be(first.Hash);
    }

    [ContractFact]
    public async Task TryAppend_SameEventWithoutKeyRetried_IsStoredOnce()
    {
        var requestId = AuditSamples.NewRequestId();
        var chain = AuditSamples.Chain(requestId, 2);
        await Store.TryAppendAsync(chain[0]);
        await Store.TryAppendAsync(chain[1]);

        var retry = await Store.TryAppendAsync(chain[1]);

        retry.Status.Should().BeOneOf(AuditAppendStatus.Appended, AuditAppendStatus.SequenceConflict);
        (await Store.ReadAllAsync(requestId)).Select(e => e.Hash).Should().Equal(chain.Select(e => e.Hash));
    }

    [ContractFact]
    public async Task IdempotencyKeys_ArePerRequest()
    {
        var one = AuditSamples.NewRequestId("one");
        var two = AuditSamples.NewRequestId("two");
        await Store.TryAppendAsync(AuditSamples.Next(one, null, AuditSamples.Draft(1, "shared-key")));

        var result = await Store.TryAppendAsync(AuditSamples.Next(two, null, AuditSamples.Draft(1, "shared-key")));

        result.Status.Should().Be(AuditAppendStatus.Appended);
        (await Store.FindByIdempotencyKeyAsync(two, "shared-key"))!.RequestId.Should().Be(two);
        (await Store.FindByIdempotencyKeyAsync(one, "unknown-key")).Should().BeNull();
    }

    [ContractFact]
    public async Task GetLast_UnknownRequest_ReturnsNullAndReadAllEmpty()
    {
        var requestId = AuditSamples.NewRequestId("never");

        (await Store.GetLastAsync(requestId)).Should().BeNull();
        (await Store.ReadAllAsync(requestId)).Should().BeEmpty();
        (await Store.FindByIdempotencyKeyAsync(requestId, "k")).Should().BeNull();
    }

    [ContractFact]
    public async Task ReadAll_LongChain_ReturnsEveryEventInSequenceAndVerifies()
    {
        var requestId = AuditSamples.NewRequestId();
        var chain = AuditSamples.Chain(requestId, 120, i => AuditSamples.Draft(i, $"k{i}"));
        foreach (var e in chain)
        {
            (await Store.TryAppendAsync(e)).Status.Should().Be(AuditAppendStatus.Appended);
        }

        var stored = await Store.ReadAllAsync(requestId);

        stored.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 120).Select(i => (long)i));
        AuditChainVerifier.Verify(stored, AuditChainHead.Of(chain[^1])).Ok.Should().BeTrue();
        (await Store.GetLastAsync(requestId))!.Sequence.Should().Be(120);
        (await Store.FindByIdempotencyKeyAsync(requestId, "k57"))!.Sequence.Should().Be(57);
    }

    [ContractFact]
    public async Task AuditLedger_SixteenConcurrentWriters_ChainIsGaplessAndVerifies()
    {
        var requestId = AuditSamples.NewRequestId("race");
        var ledger = new AuditLedger(Store, new FakeTimeProvider(AuditSamples.Start));
        const int writers = 16;
        var perWriter = EventsPerConcurrentWriter;
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            start.Wait();
            for (var i = 0; i < perWriter; i++)
            {
                // Every other append is retried, as a step function would after a timeout.
                var draft = new AuditEventDraft(AuditEventType.SystemErased, $"writer-{w}") { System = "crm", IdempotencyKey = $"w{w}-e{i}" };
                var appended = await ledger.AppendAsync(requestId, draft);
                if (i % 2 == 0)
                {
                    (await ledger.AppendAsync(requestId, draft)).Hash.Should().Be(appended.Hash);
                }
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        var stored = await Store.ReadAllAsync(requestId);
        stored.Should().HaveCount(writers * perWriter);
        stored.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, writers * perWriter).Select(i => (long)i));
        stored.Select(e => e.IdempotencyKey).Should().OnlyHaveUniqueItems();
        AuditChainVerifier.Verify(stored).Ok.Should().BeTrue();
    }

    [ContractFact]
    public async Task TryAppend_Null_ThrowsArgumentNull()
    {
        var append = () => Store.TryAppendAsync(null!);

        await append.Should().ThrowAsync<ArgumentNullException>();
    }

    [ContractFact]
    public async Task Reads_BadRequestId_ThrowArgumentException()
    {
        foreach (var bad in new[] { string.Empty, "   ", " padded", "tab\there", new string('x', 257) })
        {
            var last = () => Store.GetLastAsync(bad);
            var all = () => Store.ReadAllAsync(bad);
            var byKey = () => Store.FindByIdempotencyKeyAsync(bad, "k");
            await last.Should().ThrowAsync<ArgumentException>(bad);
            await all.Should().ThrowAsync<ArgumentException>(bad);
            await byKey.Should().ThrowAsync<ArgumentException>(bad);
        }

        var nullKey = () => Store.FindByIdempotencyKeyAsync(AuditSamples.NewRequestId(), null!);
        await nullKey.Should().ThrowAsync<ArgumentException>();
    }

    protected abstract Task<IAuditLedgerStore> CreateStoreAsync();

    protected static void ShouldEqual(AuditEvent actual, AuditEvent expected)
    {
        actual.Should().BeEquivalentTo(expected, o => o.ComparingByMembers<AuditEvent>().Excluding(e => e.Details));
        actual.Details.Should().Equal(expected.Details);
    }
}
