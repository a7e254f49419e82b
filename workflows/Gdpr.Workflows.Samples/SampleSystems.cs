using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Samples.Crm;
using Gdpr.Workflows.Samples.Loyalty;
using Gdpr.Workflows.Samples.Marketing;
using Gdpr.Workflows.Samples.Orders;
using Gdpr.Workflows.Samples.Seeding;

namespace Gdpr.Workflows.Samples;

/// <summary>
/// The four sample systems of samples/systems.yaml, each a SQLite file in one directory: orders.db, crm.db,
/// marketing.db and support-desk.db. The first three are sync (their <see cref="Connectors"/> erase directly); the
/// support desk is async. A fifth, the flaky <see cref="Loyalty"/> program (loyalty.db), is installed too but only
/// used by a registry that lists it; it is not part of <see cref="All"/> nor seeded by <see cref="SeedAsync"/>.
/// </summary>
public sealed class SampleSystems
{
    /// <param name="directory">Where the files live (created if missing).</param>
    /// <param name="suppressionKey">The marketing list's secret key for suppression hashes (at least 32 bytes).</param>
    public SampleSystems(string directory, ReadOnlySpan<byte> suppressionKey, TimeProvider timeProvider)
    {
        Directory.CreateDirectory(directory);
        Orders = new OrdersDatabase(System.IO.Path.Combine(directory, "orders.db"));
        Crm = new CrmDatabase(System.IO.Path.Combine(directory, "crm.db"));
        Marketing = new MarketingList(System.IO.Path.Combine(directory, "marketing.db"), suppressionKey);
        SupportDesk = new SupportDesk.SupportDesk(System.IO.Path.Combine(directory, "support-desk.db"), timeProvider);
        Loyalty = new LoyaltyProgram(System.IO.Path.Combine(directory, "loyalty.db"));
    }

    public OrdersDatabase Orders { get; }

    public CrmDatabase Crm { get; }

    public MarketingList Marketing { get; }

    public SupportDesk.SupportDesk SupportDesk { get; }

    /// <summary>The flaky loyalty program (see <see cref="LoyaltyProgram"/>): opt-in, by listing it in the registry.</summary>
    public LoyaltyProgram Loyalty { get; }

    /// <summary>The sync systems' connectors, for the SyncErase service (a connector the registry does not name is never called).</summary>
    public IReadOnlyList<IErasureConnector> Connectors => [Orders, Crm, Marketing, Loyalty];

    /// <summary>Every system, in the registry's order.</summary>
    public IReadOnlyList<ISampleSystem> All => [Orders, Crm, Marketing, SupportDesk];

    /// <summary>Creates every file and table that is missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var database in new SampleDatabase[] { Orders, Crm, Marketing, SupportDesk, Loyalty })
        {
            await database.EnsureCreatedAsync(cancellationToken);
        }
    }

    /// <summary>Generates <paramref name="count"/> customers (see <see cref="SampleDataSeeder"/>) into every system; returns them.</summary>
    public async Task<IReadOnlyList<SampleCustomer>> SeedAsync(int count, int seed, DateOnly asOf, CancellationToken cancellationToken = default) =>
        (await SeedDataAsync(count, seed, asOf, cancellationToken)).Customers;

    /// <summary>As <see cref="SeedAsync"/>, returning everything generated (the demo writes its sample lake from it).</summary>
    public async Task<SeededData> SeedDataAsync(int count, int seed, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var data = new SampleDataSeeder(seed).Generate(count, asOf);
        await EnsureCreatedAsync(cancellationToken);
        await Crm.InsertAsync(data.CrmCustomers, cancellationToken);
        await Orders.InsertAsync(data.Orders, data.Invoices, cancellationToken);
        await Marketing.ImportAsync(data.MarketingContacts, cancellationToken);
        await SupportDesk.InsertAsync(data.Tickets, cancellationToken);
        return data;
    }

    /// <summary>Per system, the subject's records that remain (retained data excluded).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountRemainingAsync(SubjectIdentifiers subject, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var system in All)
        {
            counts[system.Name] = await system.CountRemainingAsync(subject, cancellationToken);
        }

        return counts;
    }
}
