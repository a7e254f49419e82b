using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Tests.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Ports;

/// <summary>What every <see cref="IRequestStore"/> must do; a store's test class derives from this.</summary>
public abstract class RequestStoreContractTests
{
    protected abstract IRequestStore CreateStore();

    [Fact]
    public async Task CreateAsync_New_StoresIt()
    {
        var store = CreateStore();
        var request = TestRequests.New("req-1");

        var result = await store.CreateAsync(request);

        result.Outcome.Should().Be(CreateRequestOutcome.Created);
        (await store.GetAsync("req-1")).Should().BeEquivalentTo(request);
    }

    [Fact]
    public async Task CreateAsync_SameSubmissionTwice_StoresOneAndReturnsIt()
    {
        var store = CreateStore();
        await store.CreateAsync(TestRequests.New("req-1", intakeKey: "k1"));

        var again = await store.CreateAsync(TestRequests.New("req-2", intakeKey: "k1"));
        var sameId = await store.CreateAsync(TestRequests.New("req-1", intakeKey: "k1"));

        again.Outcome.Should().Be(CreateRequestOutcome.Duplicate);
        again.Request.RequestId.Should().Be("req-1");
        sameId.Outcome.Should().Be(CreateRequestOutcome.Duplicate);
        (await store.GetAsync("req-2")).Should().BeNull();
    }

    [Fact]
    public async Task CreateAsync_IdTakenByOtherSubmission_RefusesAndKeepsTheFirst()
    {
        var store = CreateStore();
        await store.CreateAsync(TestRequests.New("req-1", intakeKey: "k1"));

        var result = await store.CreateAsync(TestRequests.New("req-1", intakeKey: "k2"));

        result.Outcome.Should().Be(CreateRequestOutcome.RequestIdTaken);
        (await store.GetAsync("req-1"))!.IntakeKey.Should().Be("k1");
    }

    [Fact]
    public async Task CreateAsync_ConcurrentSameSubmission_StoresExactlyOne()
    {
        var store = CreateStore();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => store.CreateAsync(TestRequests.New($"req-{i}", intakeKey: "same")))));

        results.Count(r => r.Outcome == CreateRequestOutcome.Created).Should().Be(1);
        results.Select(r => r.Request.RequestId).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task GetAsync_Unknown_ReturnsNull()
    {
        (await CreateStore().GetAsync("nope")).Should().BeNull();
    }

    [Fact]
    public async Task TryReplaceAsync_ExpectedVersion_ReplacesIt()
    {
        var store = CreateStore();
        var request = TestRequests.New("req-1");
        await store.CreateAsync(request);

        var replaced = await store.TryReplaceAsync(request with { Version = 2, Status = RequestStatus.InProgress }, expectedVersion: 1);

        replaced.Should().BeTrue();
        var stored = (await store.GetAsync("req-1"))!;
        stored.Version.Should().Be(2);
        stored.Status.Should().Be(RequestStatus.InProgress);
    }

    [Fact]
    public async Task TryReplaceAsync_StaleVersion_ReturnsFalseAndKeepsTheWinner()
    {
        var store = CreateStore();
        var request = TestRequests.New("req-1");
        await store.CreateAsync(request);
        await store.TryReplaceAsync(request with { Version = 2, Status = RequestStatus.InProgress }, 1);

        var lost = await store.TryReplaceAsync(request with { Version = 2, Status = RequestStatus.Cancelled }, 1);

        lost.Should().BeFalse();
        (await store.GetAsync("req-1"))!.Status.Should().Be(RequestStatus.InProgress);
    }

    [Fact]
    public async Task TryReplaceAsync_Missing_ReturnsFalse()
    {
        var store = CreateStore();

        (await store.TryReplaceAsync(TestRequests.New("req-1") with { Version = 2 }, 1)).Should().BeFalse();
    }

    [Fact]
    public async Task TryReplaceAsync_VersionNotOneAbove_Throws()
    {
        var store = CreateStore();
        var request = TestRequests.New("req-1");
        await store.CreateAsync(request);

        var act = () => store.TryReplaceAsync(request with { Version = 3 }, 1);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task TryReplaceAsync_ConcurrentWriters_ExactlyOneWinsEachVersion()
    {
        var store = CreateStore();
        var request = TestRequests.New("req-1");
        await store.CreateAsync(request);

        var wins = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => store.TryReplaceAsync(request with { Version = 2 }, 1))));

        wins.Count(w => w).Should().Be(1);
    }

    [Fact]
    public async Task QueryOpenByDeadlineAsync_Mixed_OpenOnlyEarliestFirstStoppedClocksLast()
    {
        var store = CreateStore();
        var march = new DateOnly(2025, 3, 1);
        await store.CreateAsync(TestRequests.New("b-late", RequestStatus.InProgress, march.AddDays(20)));
        await store.CreateAsync(TestRequests.New("c-overdue", RequestStatus.InProgress, march.AddDays(-3)));
        await store.CreateAsync(TestRequests.New("a-same-day", RequestStatus.Received, march.AddDays(-3)));
        await store.CreateAsync(TestRequests.New("d-done", RequestStatus.Completed, march.AddDays(-30)));
        var stopped = TestRequests.New("e-stopped", RequestStatus.InProgress);
        await store.CreateAsync(stopped with { Deadline = stopped.Deadline with { DueDate = null } });

        var page = await store.QueryOpenByDeadlineAsync(10);

        page.Items.Select(r => r.RequestId).Should().Equal("a-same-day", "c-overdue", "b-late", "e-stopped");
        page.ContinuationToken.Should().BeNull();
    }

    [Fact]
    public async Task QueryOpenByDeadlineAsync_Paged_VisitsEveryItemOnce()
    {
        var store = CreateStore();
        for (var i = 0; i < 7; i++)
        {
            await store.CreateAsync(TestRequests.New($"req-{i}", RequestStatus.InProgress, new DateOnly(2025, 4, 1).AddDays(i % 3)));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.QueryOpenByDeadlineAsync(3, token);
            seen.AddRange(page.Items.Select(r => r.RequestId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        seen.Should().HaveCount(7).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task QueryByStatusAsync_Status_OldestFirst()
    {
        var store = CreateStore();
        await store.CreateAsync(TestRequests.New("new", RequestStatus.InProgress, receivedAt: TestRequests.Received.AddDays(2)));
        await store.CreateAsync(TestRequests.New("old", RequestStatus.InProgress, receivedAt: TestRequests.Received));
        await store.CreateAsync(TestRequests.New("other", RequestStatus.Cancelled));

        var page = await store.QueryByStatusAsync(RequestStatus.InProgress, 10);

        page.Items.Select(r => r.RequestId).Should().Equal("old", "new");
    }

    [Fact]
    public async Task QueryBySubjectHashAsync_AnyOfTheHashes_Matches()
    {
        var store = CreateStore();
        await store.CreateAsync(TestRequests.New("both", subjectHashes: [TestRequests.Hash('a'), TestRequests.Hash('b')]));
        await store.CreateAsync(TestRequests.New("b-only", subjectHashes: [TestRequests.Hash('b')], receivedAt: TestRequests.Received.AddHours(1)));
        await store.CreateAsync(TestRequests.New("c-only", subjectHashes: [TestRequests.Hash('c')]));

        var page = await store.QueryBySubjectHashAsync(TestRequests.Hash('b'), 10);

        page.Items.Select(r => r.RequestId).Should().Equal("both", "b-only");
    }

    [Fact]
    public async Task Query_TokenOfAnotherQuery_Refused()
    {
        var store = CreateStore();
        for (var i = 0; i < 3; i++)
        {
            await store.CreateAsync(TestRequests.New($"req-{i}", RequestStatus.InProgress));
        }

        var page = await store.QueryByStatusAsync(RequestStatus.InProgress, 1);
        var act = () => store.QueryByStatusAsync(RequestStatus.Cancelled, 1, page.ContinuationToken);
        var garbage = () => store.QueryOpenByDeadlineAsync(1, "not a token!");

        await act.Should().ThrowAsync<InvalidContinuationTokenException>();
        await garbage.Should().ThrowAsync<InvalidContinuationTokenException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(IRequestStore.MaxPageSize + 1)]
    public async Task Query_PageSizeOutOfRange_Throws(int pageSize)
    {
        var act = () => CreateStore().QueryOpenByDeadlineAsync(pageSize);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
