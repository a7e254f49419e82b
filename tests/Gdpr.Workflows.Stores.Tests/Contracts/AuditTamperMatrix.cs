using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Stores.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Stores.Tests.Contracts;

/// <summary>
/// Tampering as an operator with write access to the stores could do it, below the ports (raw rows and items), and
/// what <see cref="AuditIntegrityChecker"/> must name for each: every case on every store that anchors chain heads.
/// A request past intake with a chain of five events, appended through the store (which anchors the head in the
/// request's record); most cases also take a signed checkpoint before tampering.
/// </summary>
public abstract class AuditTamperMatrix : IAsyncLifetime
{
    private const int ChainLength = 5;
    private readonly InMemoryAuditCheckpointStore _checkpoints = new();
    private readonly HmacAuditCheckpointSigner _signer = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private IRequestStore _requests = null!;
    private IAuditLedgerStore _ledger = null!;

    public async Task InitializeAsync() => (_requests, _ledger) = await CreateStoresAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ContractFact]
    public async Task CheckAll_Untouched_FindsNothing()
    {
        var (requestId, _) = await ArrangeAsync(checkpoint: true);

        var report = await CheckAllAsync();

        report.Ok.Should().BeTrue();
        report.Events.Should().Be(ChainLength, "request {0}'s chain is whole", requestId);
        report.Checkpoints.Should().Be(1);
    }

    [ContractFact]
    public async Task CheckAll_EventEdited_NamesAltered()
    {
        var (requestId, chain) = await ArrangeAsync(checkpoint: true);
        var e = chain[2];
        await WriteRawAsync(new AuditEvent(e.RequestId, e.Sequence, e.OccurredAt, e.Type, e.Actor, e.System, e.SubjectHash,
            new Dictionary<string, string> { ["step"] = "edited" }, e.IdempotencyKey, e.PreviousHash, e.Hash));

        await ShouldNameAsync(requestId, AuditChainBreakKind.Altered, 3);
    }

    [ContractFact]
    public async Task CheckAll_EventInsertedAroundTheStore_NamesInserted()
    {
        var (requestId, chain) = await ArrangeAsync(checkpoint: true);

        await WriteRawAsync(AuditSamples.Next(requestId, chain[^1]));

        await ShouldNameAsync(requestId, AuditChainBreakKind.Inserted, ChainLength + 1);
    }

    [ContractFact]
    public async Task CheckAll_MiddleEventRemoved_NamesRemoved()
    {
        var (requestId, _) = await ArrangeAsync(checkpoint: true);

        await DeleteEventAsync(requestId, 3);

        await ShouldNameAsync(requestId, AuditChainBreakKind.Removed, 3);
    }

    [ContractFact]
    public async Task CheckAll_TwoEventsRenumbered_NamesReordered()
    {
        var (requestId, chain) = await ArrangeAsync(checkpoint: true);

        await WriteRawAsync(Renumbered(chain[2], 2));
        await WriteRawAsync(Renumbered(chain[1], 3));

        await ShouldNameAsync(requestId, AuditChainBreakKind.Reordered, null);
    }

    [ContractFact]
    public async Task CheckAll_LastTwoEventsDeleted_NamesTruncated()
    {
        var (requestId, _) = await ArrangeAsync(checkpoint: false);

        await DeleteEventAsync(requestId, 5);
        await DeleteEventAsync(requestId, 4);

        await ShouldNameAsync(requestId, AuditChainBreakKind.Truncated, 4);
    }

    [ContractFact]
    public async Task CheckAll_TailDeletedAndAnchorRewound_CheckpointNamesTruncated()
    {
        var (requestId, chain) = await ArrangeAsync(checkpoint: true);

        await DeleteEventAsync(requestId, 5);
        await DeleteEventAsync(requestId, 4);
        await SetAnchorAsync(requestId, AuditChainHead.Of(chain[2]));

        await ShouldNameAsync(requestId, AuditChainBreakKind.Truncated, 4);
    }

    [ContractFact]
    public async Task CheckAll_EveryEventDeleted_NamesDeleted()
    {
        var (requestId, _) = await ArrangeAsync(checkpoint: false);

        for (var sequence = ChainLength; sequence >= 1; sequence--)
        {
            await DeleteEventAsync(requestId, sequence);
        }

        await ShouldNameAsync(requestId, AuditChainBreakKind.Deleted, 1);
    }

    [ContractFact]
    public async Task CheckAll_RequestRecordAndChainDeleted_CheckpointNamesDeleted()
    {
        var (requestId, _) = await ArrangeAsync(checkpoint: true);

        for (var sequence = ChainLength; sequence >= 1; sequence--)
        {
            await DeleteEventAsync(requestId, sequence);
        }

        await DeleteRequestAsync(requestId);

        await ShouldNameAsync(requestId, AuditChainBreakKind.Deleted, 1);
    }

    [ContractFact]
    public async Task CheckAll_ChainAndAnchorDeletedAfterTheLastCheckpoint_NamesMissing()
    {
        var (requestId, _) = await ArrangeAsync(checkpoint: false);

        for (var sequence = ChainLength; sequence >= 1; sequence--)
        {
            await DeleteEventAsync(requestId, sequence);
        }

        await SetAnchorAsync(requestId, null);

        await ShouldNameAsync(requestId, AuditChainBreakKind.Missing, 1);
    }

    [ContractFact]
    public async Task CheckAll_CheckpointEdited_NamesForged()
    {
        await ArrangeAsync(checkpoint: true);
        var stored = (await _checkpoints.ReadAllAsync()).Single();
        var content = System.Text.Encoding.UTF8.GetString(stored.Content).Replace("\t5\t", "\t4\t", StringComparison.Ordinal);

        _checkpoints.Overwrite(stored with { Content = System.Text.Encoding.UTF8.GetBytes(content) });

        var report = await CheckAllAsync();
        report.Findings.Should().ContainSingle().Which.Break.Kind.Should().Be(AuditChainBreakKind.Forged);
    }

    /// <summary>Both stores, on fresh tables or a fresh file.</summary>
    protected abstract Task<(IRequestStore Requests, IAuditLedgerStore Ledger)> CreateStoresAsync();

    /// <summary>Writes the event's row or item as given, replacing what holds its key, checking and anchoring nothing.</summary>
    protected abstract Task WriteRawAsync(AuditEvent auditEvent);

    protected abstract Task DeleteEventAsync(string requestId, long sequence);

    /// <summary>Rewrites (or, with null, removes) the head anchored in the request's record.</summary>
    protected abstract Task SetAnchorAsync(string requestId, AuditChainHead? head);

    /// <summary>Deletes the request's record, so no listing shows it.</summary>
    protected abstract Task DeleteRequestAsync(string requestId);

    private static AuditEvent Renumbered(AuditEvent e, long sequence) =>
        new(e.RequestId, sequence, e.OccurredAt, e.Type, e.Actor, e.System, e.SubjectHash, e.Details, e.IdempotencyKey, e.PreviousHash, e.Hash);

    private async Task<(string RequestId, List<AuditEvent> Chain)> ArrangeAsync(bool checkpoint)
    {
        var requestId = AuditSamples.NewRequestId();
        var request = RequestSamples.New(requestId);
        (await _requests.CreateAsync(request)).Outcome.Should().Be(CreateRequestOutcome.Created);
        (await _requests.TryReplaceAsync(request with { Version = 2, Status = RequestStatus.InProgress }, 1)).Should().BeTrue();
        var chain = AuditSamples.Chain(requestId, ChainLength);
        foreach (var e in chain)
        {
            (await _ledger.TryAppendAsync(e)).Status.Should().Be(AuditAppendStatus.Appended);
        }

        (await ((IAuditAnchorStore)_ledger).GetAnchorAsync(requestId)).Should().Be(AuditChainHead.Of(chain[^1]), "the store anchors every append");
        if (checkpoint)
        {
            var time = new FakeTimeProvider(AuditSamples.Start.AddHours(1));
            await new AuditCheckpointer(_requests, _ledger, (IAuditAnchorStore)_ledger, _signer, _checkpoints, time).TakeAsync();
        }

        return (requestId, chain);
    }

    private Task<AuditIntegrityReport> CheckAllAsync() =>
        new AuditIntegrityChecker(_ledger, (IAuditAnchorStore)_ledger, _signer, _checkpoints).CheckAllAsync(_requests);

    private async Task ShouldNameAsync(string requestId, AuditChainBreakKind kind, long? sequence)
    {
        var report = await CheckAllAsync();

        var finding = report.Findings.Should().ContainSingle().Subject;
        finding.RequestId.Should().Be(requestId);
        finding.Break.Kind.Should().Be(kind, finding.Break.Description);
        if (sequence is not null)
        {
            finding.Break.Sequence.Should().Be(sequence.Value, finding.Break.Description);
        }
    }
}
