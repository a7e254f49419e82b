using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Samples.SupportDesk;
using Gdpr.Workflows.Samples.Tests.SupportDesk;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Samples.Tests;

/// <summary>The sample systems behind the real erasure services: seeded data, erased for one customer, nothing left.</summary>
public sealed class SampleSystemsTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 3, 3);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly LocalKeyWrapper _keys = new(LocalKeyWrapper.GenerateMasterKey());
    private readonly SampleSystems _systems;
    private readonly SubjectVault _vault;

    public SampleSystemsTests()
    {
        _systems = new SampleSystems(_dir.Path, Enumerable.Repeat((byte)7, 32).ToArray(), _time);
        _vault = new SubjectVault(new InMemorySubjectVaultStore(), _keys, _time);
    }

    public void Dispose()
    {
        _keys.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task SeedAsync_Customers_EverySystemHoldsTheFirstOne()
    {
        var customers = await _systems.SeedAsync(50, seed: 2025, AsOf);

        customers.Should().HaveCount(50);
        var remaining = await _systems.CountRemainingAsync(customers[0].Subject());
        remaining.Keys.Should().Equal("orders", "crm", "marketing", "support-desk");
        remaining.Values.Should().OnlyContain(count => count > 0);
    }

    [Fact]
    public async Task Erasure_FirstCustomerThroughTheServices_NothingRemainsButTheRetainedInvoices()
    {
        var customers = await _systems.SeedAsync(50, seed: 2025, AsOf);
        var customer = customers[0];
        var others = await _systems.CountRemainingAsync(customers[1].Subject());
        await _vault.SealAsync("req-000001", customer.Subject());
        var deadlines = ErasureDeadlines.UnitedKingdom();
        var erase = new SyncEraseService(Registries.Samples, _vault, _systems.Connectors, deadlines, _time);

        var answers = new Dictionary<string, ErasureAnswer>();
        foreach (var system in Registries.Samples.Systems.Where(s => s.ModeName == "sync"))
        {
            answers[system.Name] = await erase.EraseAsync("req-000001", "arn:exec:req-000001", system.Name);
        }

        await _systems.SupportDesk.ReceiveTaskAsync(new ErasureTaskMessage("req-000001", "support-desk", "tok-1", 3600, 86400));
        var callbacks = new RecordingCallbacks();
        await _systems.SupportDesk.ProcessPendingAsync(callbacks, new VaultSubjectSource(_vault));

        answers["orders"].Outcome.Should().Be(ErasureOutcome.Retained);
        answers["orders"].Receipt.Should().BeEquivalentTo(new { Ground = Erasure.Requests.RetentionGround.LegalObligation, RetainedData = "invoices" });
        answers["crm"].Outcome.Should().Be(ErasureOutcome.Erased);
        answers["marketing"].Outcome.Should().Be(ErasureOutcome.Erased);
        callbacks.Completed.Should().ContainSingle().Which.Answer.Outcome.Should().Be(ErasureOutcome.Erased);
        (await _systems.CountRemainingAsync(customer.Subject())).Values.Should().OnlyContain(count => count == 0);
        (await _systems.Orders.CountRetainedAsync(customer.Subject())).Should().Be(2);
        (await _systems.CountRemainingAsync(customers[1].Subject())).Should().Equal(others);

        var reimport = await _systems.Marketing.ImportAsync([new Samples.Marketing.ContactImportRow(customer.Email, customer.FirstName, null, "old-export")]);
        reimport.Suppressed.Should().Be(1);
    }

    [Fact]
    public async Task Erasure_VaultShredded_SupportDeskReportsTheSubjectUnavailable()
    {
        await _systems.SeedAsync(5, seed: 1, AsOf);
        await _systems.SupportDesk.ReceiveTaskAsync(new ErasureTaskMessage("req-gone", "support-desk", "tok-1", 3600, 86400));
        var callbacks = new RecordingCallbacks();

        await _systems.SupportDesk.ProcessPendingAsync(callbacks, new VaultSubjectSource(_vault));

        callbacks.Failed.Should().Equal(("tok-1", ErasureErrorTypes.SubjectUnavailable));
    }
}
