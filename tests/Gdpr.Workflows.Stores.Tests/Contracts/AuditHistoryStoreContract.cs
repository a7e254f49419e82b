using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Stores.Tests.Support;

namespace Gdpr.Workflows.Stores.Tests.Contracts;

/// <summary>What every <see cref="IAuditHistoryStore"/> promises (over events appended through its <see cref="IAuditLedgerStore"/>).</summary>
public abstract class AuditHistoryStoreContract : IAsyncLifetime
{
    private static readonly DateOnly Day1 = new(2025, 3, 14);

    protected IAuditLedgerStore Ledger { get; private set; } = null!;

    protected IAuditHistoryStore History { get; private set; } = null!;

    public async Task InitializeAsync() => (Ledger, History) = await CreateStoresAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ContractFact]
    public async Task BySubjectHash_AcrossRequests_OnlyThatSubjectInTimeOrder()
    {
        var alice = AuditSamples.SubjectHash("alice");
        var bob = AuditSamples.SubjectHash("bob");
        await AppendChain("r-2", 3, i => alice, i => At(Day1, 10, i * 2));
        await AppendChain("r-1", 3, i => i == 2 ? bob : alice, i => At(Day1, 10, (i * 2) + 1));
        await SettleIndexesAsync();

        var page = await History.QueryBySubjectHashAsync(alice, 100);

        page.Items.Select(e => $"{e.RequestId}#{e.Sequence}").Should().Equal("r-2#1", "r-1#1", "r-2#2", "r-2#3", "r-1#3");
        page.ContinuationToken.Should().BeNull();
        page.Items.Should().OnlyContain(e => e.HasValidHash);
        (await History.QueryBySubjectHashAsync(AuditSamples.SubjectHash("nobody"), 10)).Items.Should().BeEmpty();
    }

    [ContractFact]
    public async Task ByDays_Range_IncludesWholeDaysOnlyOrderedWithTiesByRequestAndSequence()
    {
        await AppendChain("r-b", 4, _ => null, i => i switch
        {
            1 => At(Day1.AddDays(-1), 23, 59) + TimeSpan.FromSeconds(59.999),
            2 => At(Day1, 0, 0),
            3 => At(Day1, 12, 0),
            _ => At(Day1.AddDays(2), 0, 0),
        });
        await AppendChain("r-a", 2, _ => null, i => At(Day1, 12, 0));
        await SettleIndexesAsync();

        var page = await History.QueryByDaysAsync(Day1, Day1.AddDays(1), null, 100);

        page.Items.Select(e => $"{e.RequestId}#{e.Sequence}").Should().Equal("r-b#2", "r-a#1", "r-a#2", "r-b#3");
    }

    [ContractFact]
    public async Task ByDays_WithSystem_OnlyThatSystemsEvents()
    {
        await AppendChain("r-1", 4, _ => null, i => At(Day1, 9, i), i => i % 2 == 0 ? "crm" : "billing");
        await AppendChain("r-2", 2, _ => null, i => At(Day1.AddDays(1), 9, i), _ => "crm");
        await SettleIndexesAsync();

        var crm = await History.QueryByDaysAsync(Day1, Day1.AddDays(1), "crm", 100);
        var crmFirstDay = await History.QueryByDaysAsync(Day1, Day1, "crm", 100);
        var unknown = await History.QueryByDaysAsync(Day1, Day1.AddDays(1), "erp", 100);

        crm.Items.Select(e => $"{e.RequestId}#{e.Sequence}").Should().Equal("r-1#2", "r-1#4", "r-2#1", "r-2#2");
        crmFirstDay.Items.Select(e => $"{e.RequestId}#{e.Sequence}").Should().Equal("r-1#2", "r-1#4");
        unknown.Items.Should().BeEmpty();
    }

    [ContractFact]
    public async Task Queries_Paged_VisitEveryEventOnceInOrder()
    {
        var subject = AuditSamples.SubjectHash("paged");
        for (var r = 0; r < 4; r++)
        {
            var request = $"r-{r}";
            await AppendChain(request, 6, _ => subject, i => At(Day1.AddDays(i % 3), 8, (i * 7) % 5), _ => "crm");
        }

        await SettleIndexesAsync();

        var bySubject = await ReadAllPages(token => History.QueryBySubjectHashAsync(subject, 5, token));
        var byDays = await ReadAllPages(token => History.QueryByDaysAsync(Day1, Day1.AddDays(2), null, 4, token));
        var bySystem = await ReadAllPages(token => History.QueryByDaysAsync(Day1, Day1.AddDays(2), "crm", 3, token));

        foreach (var all in new[] { bySubject, byDays, bySystem })
        {
            all.Should().HaveCount(24);
            all.Select(Key).Should().OnlyHaveUniqueItems();
            all.Select(Key).Should().Equal(all.OrderBy(e => e.OccurredAt).ThenBy(e => e.RequestId, StringComparer.Ordinal).ThenBy(e => e.Sequence).Select(Key));
        }
    }

    [ContractFact]
    public async Task ByDays_SparseLongRange_FindsEventsAtBothEnds()
    {
        var last = Day1.AddDays(IAuditHistoryStore.MaxDays - 1);
        await AppendChain("r-1", 2, _ => null, i => i == 1 ? At(Day1, 1, 0) : At(last, 23, 0));
        await SettleIndexesAsync();

        var all = await ReadAllPages(token => History.QueryByDaysAsync(Day1, last, null, 10, token));

        all.Select(Key).Should().Equal("r-1#1", "r-1#2");
    }

    [ContractFact]
    public async Task Queries_TokenOfAnotherQueryOrGarbage_Refused()
    {
        var subject = AuditSamples.SubjectHash("tokens");
        await AppendChain("r-1", 3, _ => subject, i => At(Day1, 9, i));
        await SettleIndexesAsync();
        var page = await History.QueryBySubjectHashAsync(subject, 1);
        var dayPage = await History.QueryByDaysAsync(Day1, Day1, null, 1);
        page.ContinuationToken.Should().NotBeNull();
        dayPage.ContinuationToken.Should().NotBeNull();

        var otherSubject = () => History.QueryBySubjectHashAsync(AuditSamples.SubjectHash("other"), 1, page.ContinuationToken);
        var otherRange = () => History.QueryByDaysAsync(Day1, Day1.AddDays(1), null, 1, dayPage.ContinuationToken);
        var otherSystem = () => History.QueryByDaysAsync(Day1, Day1, "crm", 1, dayPage.ContinuationToken);
        var garbage = () => History.QueryBySubjectHashAsync(subject, 1, "%%%");

        await otherSubject.Should().ThrowAsync<InvalidContinuationTokenException>();
        await otherRange.Should().ThrowAsync<InvalidContinuationTokenException>();
        await otherSystem.Should().ThrowAsync<InvalidContinuationTokenException>();
        await garbage.Should().ThrowAsync<InvalidContinuationTokenException>();
    }

    [ContractFact]
    public async Task Queries_BadArguments_Throw()
    {
        var upperHash = () => History.QueryBySubjectHashAsync(AuditSamples.SubjectHash("x").ToUpperInvariant(), 10);
        var shortHash = () => History.QueryBySubjectHashAsync("abc", 10);
        var backwards = () => History.QueryByDaysAsync(Day1, Day1.AddDays(-1), null, 10);
        var tooLong = () => History.QueryByDaysAsync(Day1, Day1.AddDays(IAuditHistoryStore.MaxDays), null, 10);
        var badSystem = () => History.QueryByDaysAsync(Day1, Day1, "no spaces", 10);
        var pageZero = () => History.QueryBySubjectHashAsync(AuditSamples.SubjectHash("x"), 0);
        var pageHuge = () => History.QueryByDaysAsync(Day1, Day1, null, IAuditHistoryStore.MaxPageSize + 1);

        await upperHash.Should().ThrowAsync<ArgumentException>();
        await shortHash.Should().ThrowAsync<ArgumentException>();
        await backwards.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await tooLong.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await badSystem.Should().ThrowAsync<ArgumentException>();
        await pageZero.Should().ThrowAsync<ArgumentOutOfRangeException>();
        await pageHuge.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    protected abstract Task<(IAuditLedgerStore Ledger, IAuditHistoryStore History)> CreateStoresAsync();

    /// <summary>Waits until writes show in the indexes: nothing to wait for except on a real DynamoDB.</summary>
    protected virtual Task SettleIndexesAsync() => Task.CompletedTask;

    private static DateTimeOffset At(DateOnly day, int hour, int minute) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);

    private static string Key(AuditEvent e) => $"{e.RequestId}#{e.Sequence}";

    private static async Task<List<AuditEvent>> ReadAllPages(Func<string?, Task<AuditEventPage>> query)
    {
        var all = new List<AuditEvent>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await query(token);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
            (++pages).Should().BeLessThan(100, "paging must end");
        }
        while (token is not null);

        return all;
    }

    private async Task AppendChain(string requestId, int count, Func<int, string?> subject, Func<int, DateTimeOffset> at, Func<int, string?>? system = null)
    {
        var chain = AuditSamples.Chain(requestId, count, i => AuditSamples.Draft(i, subjectHash: subject(i), system: system?.Invoke(i) ?? "crm") with { System = system?.Invoke(i) }, at);
        foreach (var e in chain)
        {
            (await Ledger.TryAppendAsync(e)).Status.Should().Be(AuditAppendStatus.Appended);
        }
    }
}
