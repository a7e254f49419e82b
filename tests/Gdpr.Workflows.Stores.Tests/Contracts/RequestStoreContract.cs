using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Stores.Tests.Support;

namespace Gdpr.Workflows.Stores.Tests.Contracts;

/// <summary>What every <see cref="IRequestStore"/> promises, run against each implementation.</summary>
public abstract class RequestStoreContract : IAsyncLifetime
{
    private static readonly DateOnly March = new(2025, 3, 1);

    protected IRequestStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ContractFact]
    public async Task Create_RichRequest_ReadsBackEqual()
    {
        var request = RequestSamples.Rich("req-rich");

        var result = await Store.CreateAsync(request);

        result.Outcome.Should().Be(CreateRequestOutcome.Created);
        (await Store.GetAsync("req-rich")).Should().BeEquivalentTo(request);
    }

    [ContractFact]
    public async Task Create_SameSubmissionRetried_IsDuplicateAndStoredOnce()
    {
        var request = RequestSamples.New("req-1", intakeKey: "k1");
        await Store.CreateAsync(request);

        var retry = await Store.CreateAsync(request);
        var otherId = await Store.CreateAsync(RequestSamples.New("req-2", intakeKey: "k1"));

        retry.Outcome.Should().Be(CreateRequestOutcome.Duplicate);
        retry.Request.Should().BeEquivalentTo(request);
        otherId.Outcome.Should().Be(CreateRequestOutcome.Duplicate);
        otherId.Request.RequestId.Should().Be("req-1");
        (await Store.GetAsync("req-2")).Should().BeNull();
    }

    [ContractFact]
    public async Task Create_IdTakenByOtherSubmission_RefusedAndFirstKept()
    {
        await Store.CreateAsync(RequestSamples.New("req-1", intakeKey: "k1"));

        var result = await Store.CreateAsync(RequestSamples.New("req-1", intakeKey: "k2"));

        result.Outcome.Should().Be(CreateRequestOutcome.RequestIdTaken);
        result.Request.IntakeKey.Should().Be("k1");
        (await Store.GetAsync("req-1"))!.IntakeKey.Should().Be("k1");
    }

    [ContractFact]
    public async Task Create_SixteenConcurrentSameSubmission_StoresExactlyOne()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => Store.CreateAsync(RequestSamples.New($"req-{i}", intakeKey: "same")))));

        results.Count(r => r.Outcome == CreateRequestOutcome.Created).Should().Be(1);
        results.Select(r => r.Request.RequestId).Distinct().Should().ContainSingle();
        var stored = 0;
        for (var i = 0; i < 16; i++)
        {
            stored += await Store.GetAsync($"req-{i}") is null ? 0 : 1;
        }

        stored.Should().Be(1);
    }

    [ContractFact]
    public async Task Create_BadInput_ThrowsArgumentException()
    {
        var nullRequest = () => Store.CreateAsync(null!);
        var version2 = () => Store.CreateAsync(RequestSamples.New("req-1") with { Version = 2 });
        var badId = () => Store.CreateAsync(RequestSamples.New(" padded"));

        await nullRequest.Should().ThrowAsync<ArgumentNullException>();
        await version2.Should().ThrowAsync<ArgumentException>();
        await badId.Should().ThrowAsync<ArgumentException>();
        (await Store.GetAsync("req-1")).Should().BeNull();
    }

    [ContractFact]
    public async Task Get_UnknownOrBadId_NullOrArgumentException()
    {
        (await Store.GetAsync("nope")).Should().BeNull();
        foreach (var bad in new[] { string.Empty, "  ", "tab\tid", new string('r', 257) })
        {
            var get = () => Store.GetAsync(bad);
            await get.Should().ThrowAsync<ArgumentException>(bad);
        }
    }

    [ContractFact]
    public async Task TryReplace_ExpectedVersion_ReplacesWholeRecord()
    {
        var request = RequestSamples.New("req-1");
        await Store.CreateAsync(request);
        var rich = RequestSamples.Rich("req-1") with { Version = 2, IntakeKey = request.IntakeKey, SubjectHashes = request.SubjectHashes, ReceivedAt = request.ReceivedAt };

        (await Store.TryReplaceAsync(rich, expectedVersion: 1)).Should().BeTrue();

        (await Store.GetAsync("req-1")).Should().BeEquivalentTo(rich);
    }

    [ContractFact]
    public async Task TryReplace_RetriedOrStale_ReturnsFalseAndKeepsTheWinner()
    {
        var request = RequestSamples.New("req-1");
        await Store.CreateAsync(request);
        var winner = request with { Version = 2, Status = RequestStatus.InProgress };
        await Store.TryReplaceAsync(winner, 1);

        var retried = await Store.TryReplaceAsync(winner, 1);
        var lost = await Store.TryReplaceAsync(request with { Version = 2, Status = RequestStatus.Cancelled }, 1);

        retried.Should().BeFalse();
        lost.Should().BeFalse();
        (await Store.GetAsync("req-1")).Should().BeEquivalentTo(winner);
    }

    [ContractFact]
    public async Task TryReplace_MissingRequest_ReturnsFalse()
    {
        (await Store.TryReplaceAsync(RequestSamples.New("req-missing") with { Version = 2 }, 1)).Should().BeFalse();
        (await Store.GetAsync("req-missing")).Should().BeNull();
    }

    [ContractFact]
    public async Task TryReplace_BadInput_Throws()
    {
        var request = RequestSamples.New("req-1");
        await Store.CreateAsync(request);

        var skipVersion = () => Store.TryReplaceAsync(request with { Version = 3 }, 1);
        var otherIntake = () => Store.TryReplaceAsync(request with { Version = 2, IntakeKey = "changed" }, 1);
        var nullRequest = () => Store.TryReplaceAsync(null!, 1);

        await skipVersion.Should().ThrowAsync<ArgumentException>();
        await otherIntake.Should().ThrowAsync<ArgumentException>();
        await nullRequest.Should().ThrowAsync<ArgumentNullException>();
        (await Store.GetAsync("req-1"))!.Version.Should().Be(1);
    }

    [ContractFact]
    public async Task TryReplace_SixteenConcurrentWriters_ExactlyOneWins()
    {
        var request = RequestSamples.New("req-1");
        await Store.CreateAsync(request);

        var wins = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => Store.TryReplaceAsync(request with { Version = 2, Channel = $"writer-{i}" }, 1))));

        wins.Count(w => w).Should().Be(1);
        var stored = (await Store.GetAsync("req-1"))!;
        stored.Version.Should().Be(2);
        stored.Channel.Should().Be($"writer-{Array.IndexOf(wins, true)}");
    }

    [ContractFact]
    public async Task QueryOpenByDeadline_Mixed_OpenOnlyOverdueFirstStoppedClocksLast()
    {
        await Store.CreateAsync(RequestSamples.New("b-late", RequestStatus.InProgress, March.AddDays(20)));
        await Store.CreateAsync(RequestSamples.New("c-overdue", RequestStatus.InProgress, March.AddDays(-3)));
        await Store.CreateAsync(RequestSamples.New("a-same-day", RequestStatus.Received, March.AddDays(-3)));
        await Store.CreateAsync(RequestSamples.New("d-done", RequestStatus.Completed, March.AddDays(-30)));
        var stopped = RequestSamples.New("e-stopped", RequestStatus.InProgress);
        await Store.CreateAsync(stopped with { Deadline = stopped.Deadline with { DueDate = null } });
        await SettleIndexesAsync();

        var page = await Store.QueryOpenByDeadlineAsync(10);

        page.Items.Select(r => r.RequestId).Should().Equal("a-same-day", "c-overdue", "b-late", "e-stopped");
        page.ContinuationToken.Should().BeNull();
    }

    [ContractFact]
    public async Task QueryOpenByDeadline_RequestClosed_LeavesTheQueue()
    {
        var request = RequestSamples.New("req-1", RequestStatus.InProgress);
        await Store.CreateAsync(request);
        await Store.CreateAsync(RequestSamples.New("req-2", RequestStatus.InProgress));

        await Store.TryReplaceAsync(request with { Version = 2, Status = RequestStatus.Completed }, 1);
        await SettleIndexesAsync();

        (await Store.QueryOpenByDeadlineAsync(10)).Items.Select(r => r.RequestId).Should().Equal("req-2");
        (await Store.QueryByStatusAsync(RequestStatus.InProgress, 10)).Items.Select(r => r.RequestId).Should().Equal("req-2");
        (await Store.QueryByStatusAsync(RequestStatus.Completed, 10)).Items.Should().ContainSingle().Which.Version.Should().Be(2);
    }

    [ContractFact]
    public async Task QueryByStatus_Status_OldestFirstTiesByRequestId()
    {
        await Store.CreateAsync(RequestSamples.New("new", RequestStatus.InProgress, receivedAt: RequestSamples.Received.AddDays(2)));
        await Store.CreateAsync(RequestSamples.New("old-b", RequestStatus.InProgress, receivedAt: RequestSamples.Received));
        await Store.CreateAsync(RequestSamples.New("old-a", RequestStatus.InProgress, receivedAt: RequestSamples.Received));
        await Store.CreateAsync(RequestSamples.New("other", RequestStatus.Cancelled));
        await SettleIndexesAsync();

        var page = await Store.QueryByStatusAsync(RequestStatus.InProgress, 10);

        page.Items.Select(r => r.RequestId).Should().Equal("old-a", "old-b", "new");
    }

    [ContractFact]
    public async Task QueryBySubjectHash_AnyOfTheHashes_MatchesOldestFirst()
    {
        await Store.CreateAsync(RequestSamples.New("both", subjectHashes: [RequestSamples.Hash('a'), RequestSamples.Hash('b')]));
        await Store.CreateAsync(RequestSamples.New("b-only", subjectHashes: [RequestSamples.Hash('b')], receivedAt: RequestSamples.Received.AddHours(1)));
        await Store.CreateAsync(RequestSamples.New("c-only", subjectHashes: [RequestSamples.Hash('c')]));
        await SettleIndexesAsync();

        var page = await Store.QueryBySubjectHashAsync(RequestSamples.Hash('b'), 10);

        page.Items.Select(r => r.RequestId).Should().Equal("both", "b-only");
        (await Store.QueryBySubjectHashAsync(RequestSamples.Hash('d'), 10)).Items.Should().BeEmpty();
    }

    [ContractFact]
    public async Task QueryBySubjectHash_HashesChanged_FollowsTheRecord()
    {
        var request = RequestSamples.New("req-1", subjectHashes: [RequestSamples.Hash('a')]);
        await Store.CreateAsync(request);

        await Store.TryReplaceAsync(request with { Version = 2, SubjectHashes = [RequestSamples.Hash('e')] }, 1);
        await SettleIndexesAsync();

        (await Store.QueryBySubjectHashAsync(RequestSamples.Hash('a'), 10)).Items.Should().BeEmpty();
        (await Store.QueryBySubjectHashAsync(RequestSamples.Hash('e'), 10)).Items.Should().ContainSingle().Which.Version.Should().Be(2);
    }

    [ContractFact]
    public async Task Queries_Paged_VisitEveryItemOnceInOrder()
    {
        for (var i = 0; i < 23; i++)
        {
            await Store.CreateAsync(RequestSamples.New($"req-{i:D2}", RequestStatus.InProgress, March.AddDays(i % 4),
                receivedAt: RequestSamples.Received.AddMinutes(i % 5), subjectHashes: [RequestSamples.Hash('f')]));
        }

        await SettleIndexesAsync();

        var open = await ReadAllPages(token => Store.QueryOpenByDeadlineAsync(4, token));
        var byStatus = await ReadAllPages(token => Store.QueryByStatusAsync(RequestStatus.InProgress, 5, token));
        var bySubject = await ReadAllPages(token => Store.QueryBySubjectHashAsync(RequestSamples.Hash('f'), 3, token));

        open.Select(r => r.RequestId).Should().Equal(open.OrderBy(r => r.Deadline.DueDate).ThenBy(r => r.RequestId, StringComparer.Ordinal).Select(r => r.RequestId));
        byStatus.Select(r => r.RequestId).Should().Equal(byStatus.OrderBy(r => r.ReceivedAt).ThenBy(r => r.RequestId, StringComparer.Ordinal).Select(r => r.RequestId));
        bySubject.Select(r => r.RequestId).Should().Equal(byStatus.Select(r => r.RequestId));
        foreach (var all in new[] { open, byStatus, bySubject })
        {
            all.Should().HaveCount(23);
            all.Select(r => r.RequestId).Should().OnlyHaveUniqueItems();
        }
    }

    [ContractFact]
    public async Task Query_TokenOfAnotherQueryOrGarbage_Refused()
    {
        for (var i = 0; i < 3; i++)
        {
            await Store.CreateAsync(RequestSamples.New($"req-{i}", RequestStatus.InProgress));
        }

        await SettleIndexesAsync();
        var page = await Store.QueryByStatusAsync(RequestStatus.InProgress, 1);
        page.ContinuationToken.Should().NotBeNull();

        var otherStatus = () => Store.QueryByStatusAsync(RequestStatus.Cancelled, 1, page.ContinuationToken);
        var otherQuery = () => Store.QueryBySubjectHashAsync(RequestSamples.Hash('a'), 1, page.ContinuationToken);
        var garbage = () => Store.QueryOpenByDeadlineAsync(1, "not a token!");

        await otherStatus.Should().ThrowAsync<InvalidContinuationTokenException>();
        await otherQuery.Should().ThrowAsync<InvalidContinuationTokenException>();
        await garbage.Should().ThrowAsync<InvalidContinuationTokenException>();
    }

    [ContractFact]
    public async Task Query_BadArguments_Throw()
    {
        foreach (var size in new[] { 0, -1, IRequestStore.MaxPageSize + 1 })
        {
            var open = () => Store.QueryOpenByDeadlineAsync(size);
            var status = () => Store.QueryByStatusAsync(RequestStatus.Received, size);
            await open.Should().ThrowAsync<ArgumentOutOfRangeException>();
            await status.Should().ThrowAsync<ArgumentOutOfRangeException>();
        }

        var noHash = () => Store.QueryBySubjectHashAsync(" ", 10);
        await noHash.Should().ThrowAsync<ArgumentException>();
    }

    protected abstract Task<IRequestStore> CreateStoreAsync();

    /// <summary>Waits until writes show in the indexes: nothing to wait for except on a real DynamoDB (eventually consistent GSIs).</summary>
    protected virtual Task SettleIndexesAsync() => Task.CompletedTask;

    private static async Task<List<ErasureRequest>> ReadAllPages(Func<string?, Task<RequestPage>> query)
    {
        var all = new List<ErasureRequest>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await query(token);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
            (++pages).Should().BeLessThan(50, "paging must end");
        }
        while (token is not null);

        return all;
    }
}
