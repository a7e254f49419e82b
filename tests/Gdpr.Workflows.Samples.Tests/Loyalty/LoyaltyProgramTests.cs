using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Samples.Loyalty;
using Gdpr.Workflows.Samples.Seeding;

namespace Gdpr.Workflows.Samples.Tests.Loyalty;

public sealed class LoyaltyProgramTests : IDisposable
{
    private static readonly DateOnly Today = new(2025, 3, 3);
    private static readonly SystemDefinition Definition = new("loyalty", "partnerships-team", ErasureMode.Sync, 60, 60, "loyalty", [], []);
    private static readonly SampleCustomer Olivia = new("C-000001", "Olivia", "Brown", "Olivia.Brown@example.com", null, null, "1 High Street");
    private static readonly SampleCustomer Jack = new("C-000002", "Jack", "Smith", "jack@example.org", null, null, "2 High Street");
    private static readonly SampleCustomer Amelia = new("C-000003", "Amelia", "Jones", "amelia@example.net", null, null, "3 High Street");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<LoyaltyProgram> OpenAsync(int failurePercent, string file = "loyalty.db")
    {
        var loyalty = new LoyaltyProgram(_dir.File(file), failurePercent);
        await loyalty.EnsureCreatedAsync();
        await loyalty.EnrolAsync([Olivia, Jack, Amelia], Today);
        return loyalty;
    }

    private static ErasureContext Context(SampleCustomer customer, string requestId) => new(requestId, Definition, customer.Subject(), Today);

    /// <summary>Calls as a retrying workflow does; returns the answer and the transient failures on the way.</summary>
    private static async Task<(ConnectorResult Result, int Failures)> EraseWithRetriesAsync(LoyaltyProgram loyalty, ErasureContext context)
    {
        for (var failures = 0; ; failures++)
        {
            try
            {
                return (await loyalty.EraseAsync(context), failures);
            }
            catch (TransientConnectorException)
            {
                failures.Should().BeLessThan(LoyaltyProgram.MaxFailuresInARow);
            }
        }
    }

    [Fact]
    public async Task EnrolAsync_Customers_EnrolsEveryOtherOne()
    {
        var loyalty = await OpenAsync(failurePercent: 0);

        (await loyalty.CountRemainingAsync(Olivia.Subject())).Should().Be(1);
        (await loyalty.CountRemainingAsync(Jack.Subject())).Should().Be(0);
        (await loyalty.CountRemainingAsync(Amelia.Subject())).Should().Be(1);
    }

    [Fact]
    public async Task EraseAsync_NoFailures_DeletesTheMembership()
    {
        var loyalty = await OpenAsync(failurePercent: 0);

        var result = await loyalty.EraseAsync(Context(Olivia, "req-1"));

        result.Should().Be(new ConnectorResult(ErasureOutcome.Erased, "loyalty:req-1:members-deleted=1"));
        (await loyalty.CountRemainingAsync(Olivia.Subject())).Should().Be(0);
        (await loyalty.CountRemainingAsync(Amelia.Subject())).Should().Be(1);
        (await loyalty.GatewayFailuresAsync()).Should().Be(0);
    }

    [Fact]
    public async Task EraseAsync_EveryCallFails_FailsAtMostTwiceInARowThenErases()
    {
        var loyalty = await OpenAsync(failurePercent: 100);

        var (result, failures) = await EraseWithRetriesAsync(loyalty, Context(Olivia, "req-1"));

        failures.Should().Be(LoyaltyProgram.MaxFailuresInARow);
        result.Outcome.Should().Be(ErasureOutcome.Erased);
        (await loyalty.GatewayFailuresAsync()).Should().Be(LoyaltyProgram.MaxFailuresInARow);
    }

    [Fact]
    public async Task EraseAsync_SameRequestsOnTwoFiles_FailSameWay()
    {
        var first = await OpenAsync(failurePercent: 50, "first.db");
        var second = await OpenAsync(failurePercent: 50, "second.db");
        var requests = Enumerable.Range(1, 20).Select(i => $"req-{i}").ToList();

        var onFirst = new List<int>();
        var onSecond = new List<int>();
        foreach (var request in requests)
        {
            onFirst.Add((await EraseWithRetriesAsync(first, Context(Jack, request))).Failures);
            onSecond.Add((await EraseWithRetriesAsync(second, Context(Jack, request))).Failures);
        }

        onSecond.Should().Equal(onFirst);
        onFirst.Should().Contain(n => n > 0).And.Contain(0);
    }

    [Fact]
    public async Task ErasureEffectsAsync_RetriedAndRepeatedErasure_AppliedOnce()
    {
        var loyalty = await OpenAsync(failurePercent: 100);
        var context = Context(Olivia, "req-1");
        var first = (await EraseWithRetriesAsync(loyalty, context)).Result;

        var again = await loyalty.EraseAsync(context);

        again.Should().Be(first);
        (await loyalty.ErasureEffectsAsync()).Should().Equal(new Dictionary<string, int> { ["req-1"] = 1 });
    }

    [Fact]
    public async Task EraseAsync_Member_LeavesNoByteOfTheirEmailInTheFile()
    {
        var loyalty = await OpenAsync(failurePercent: 0);

        await loyalty.EraseAsync(Context(Olivia, "req-1"));

        System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(loyalty.Path)).Should().NotContain("Olivia.Brown@example.com");
    }

    [Fact]
    public void Constructor_PercentOutOfRange_Throws()
    {
        var create = () => new LoyaltyProgram(_dir.File("loyalty.db"), 101);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
