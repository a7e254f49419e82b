using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Samples.Seeding;
using Xunit.Abstractions;

namespace Gdpr.Workflows.Stack.Tests.EndToEnd;

/// <summary>
/// Erasure requests run end to end on the local installation (<see cref="EndToEndHost"/>): the real state machine and
/// template.yaml, the real function handlers and sample systems, fake time. After each run the sample systems are
/// queried, the audit chain verified and every persisted byte scanned for the subject's identifiers.
/// </summary>
public sealed class ErasureEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string RetentionGround = "Art. 17(3)(b)";

    /// <summary>Small enough to pass a retry's backoff (2 s, doubling, full jitter) and large enough to be quick.</summary>
    private static readonly TimeSpan RetryStep = TimeSpan.FromSeconds(5);

    private EndToEndHost host = null!;

    private SampleCustomer Customer => host.Customer;

    public async Task InitializeAsync() => host = await EndToEndHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Erasure_HappyPath_ErasesEverySystemKeepsInvoicesAndLeavesNoIdentifier()
    {
        var intake = await host.SubmitAsync();
        await host.VerifyIdentityAsync(intake.RequestId);
        await host.UntilDeskHasTaskAsync(intake.RequestId);
        (await host.DeskAnswersAsync()).Should().ContainSingle().Which.State.Should().Be("answered");
        var execution = await host.UntilEndedAsync(intake.RequestId);

        execution.Status.Should().Be(ExecutionStatus.Succeeded, execution.Cause);
        var status = await host.StatusAsync(intake.RequestId);
        status.Status.Should().Be("CompletedWithExceptions", "the invoices are retained under Art. 17(3)(b), an exception the officer must see");
        status.Systems.Select(s => (s.System, s.Status)).Should().BeEquivalentTo(
            [("orders", "Retained"), ("crm", "Erased"), ("marketing", "Erased"), ("support-desk", "Erased")]);
        status.Systems.Should().OnlyContain(s => s.Attempts == 1);
        host.Messages("CompletionTopic").Should().ContainSingle().Which["status"]!.GetValue<string>().Should().Be("CompletedWithExceptions");
        await AssertClosedRunAsync(intake.RequestId, erasedIn: ["orders", "crm", "marketing", "support-desk"]);
    }

    /// <summary>
    /// What every run must leave: the subject gone from the systems that erased (queried), exactly the invoices the
    /// 6-year rule keeps, an intact audit chain, and no identifier in any byte Gdpr.Workflows or the systems persisted.
    /// </summary>
    private async Task AssertClosedRunAsync(string requestId, IReadOnlyList<string> erasedIn)
    {
        var today = host.Services.Deadlines.Day(host.Time.GetUtcNow());
        var remaining = await host.Samples.CountRemainingAsync(Customer.Subject());
        foreach (var system in erasedIn)
        {
            remaining[system].Should().Be(0, $"{system} erased the subject");
        }

        if (erasedIn.Contains("orders"))
        {
            var kept = RunEvidence.InvoicesTheRuleKeeps(Customer, host.SeededOn, today);
            kept.Should().NotBeEmpty("the seeded subject has recent invoices");
            var held = RunEvidence.HeldInvoices(host, Customer);
            held.Select(i => (i.Number, i.IssuedOn)).Should().Equal(kept, "the orders database keeps exactly the invoices within six years");
            held.Should().OnlyContain(i => i.RestrictedUnder == RetentionGround);
            var orders = (await host.StatusAsync(requestId)).Systems.Single(s => s.System == "orders");
            orders.RetentionGround.Should().Be(RetentionGround);
            orders.RetainUntil.Should().Be(kept.Max(i => i.IssuedOn).AddYears(6));
        }

        var chain = await host.Services.Audit.VerifyAsync(requestId);
        chain.Ok.Should().BeTrue(chain.Break?.Description);

        var ours = RunEvidence.ScanGdprHome(host, Customer);
        output.WriteLine($"leak scan of GDPR_HOME: {ours.Files} files, {ours.Bytes} bytes, {ours.Hits.Count} hits");
        ours.Hits.Should().BeEmpty(string.Join("; ", ours.Hits.Select(h => $"{Path.GetFileName(h.File)}@{h.Offset} {h.Form}")) + ": nothing Gdpr.Workflows persisted may hold a raw identifier once the request is closed");
        ours.Files.Should().BeGreaterThan(4);
        if (erasedIn.Count == 4)
        {
            var theirs = RunEvidence.ScanSampleSystems(host, Customer);
            output.WriteLine($"leak scan of the sample systems: {theirs.Files} files, {theirs.Bytes} bytes, {theirs.Hits.Count} hits");
            theirs.Hits.Should().BeEmpty(string.Join("; ", theirs.Hits.Select(h => $"{Path.GetFileName(h.File)}@{h.Offset} {h.Form}")) + ": the sample systems keep nothing of the subject but the restricted invoices");
        }
    }
}
