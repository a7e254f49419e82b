using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Samples.Orders;

namespace Gdpr.Workflows.Samples.Tests.Orders;

public sealed class OrdersDatabaseTests : IDisposable
{
    private static readonly DateOnly Today = new(2025, 3, 3);
    private static readonly SubjectIdentifiers Olivia = SubjectIdentifiers.Of(SubjectIdentifier.Email("olivia.brown@example.com"));

    private readonly TempDirectory _dir = new();
    private readonly OrdersDatabase _orders;

    public OrdersDatabaseTests()
    {
        _orders = new OrdersDatabase(_dir.File("orders.db"));
    }

    public void Dispose() => _dir.Dispose();

    private static ErasureContext Context(SubjectIdentifiers subject, string requestId = "req-1") =>
        new(requestId, Registries.System("orders"), subject, Today);

    private async Task SeedAsync(params (string Customer, string Email, string? Phone, int DaysAgo)[] orders)
    {
        await _orders.EnsureCreatedAsync();
        var n = 0;
        var rows = orders.Select(o => (Order: new OrderRow($"SO-{++n}", o.Customer, "Name " + o.Customer, o.Email, o.Phone, "1 High Street", Today.AddDays(-o.DaysAgo), 1200),
            Invoice: new InvoiceRow($"INV-{n}", $"SO-{n}", o.Customer, "Name " + o.Customer, "1 High Street", o.Email, Today.AddDays(-o.DaysAgo), 1200, 200))).ToList();
        await _orders.InsertAsync(rows.Select(r => r.Order), rows.Select(r => r.Invoice));
    }

    [Fact]
    public async Task EraseAsync_RecentAndOldInvoices_AnonymisesOrdersDeletesExpiredAndRetainsTheRest()
    {
        await SeedAsync(("C-1", "Olivia.Brown@Example.com", null, 7 * 365), ("C-1", "olivia.brown@example.com", null, 30), ("C-2", "jack@example.org", null, 10));

        var result = await _orders.EraseAsync(Context(Olivia));

        // Six years from the end of the financial year (31 March) of the invoice 30 days ago, as samples/systems.yaml says:
        // an invoice of 1 Feb 2025 belongs to the year ending 31 Mar 2025, so it is kept until 31 Mar 2031.
        var invoiced = Today.AddDays(-30);
        var yearEnd = new DateOnly(invoiced.Month <= 3 ? invoiced.Year : invoiced.Year + 1, 3, 31);
        result.Should().Be(new ConnectorResult(ErasureOutcome.Retained, "orders:req-1:anonymised=2;invoices-deleted=1;invoices-restricted=1",
            "invoices", yearEnd.AddYears(6)));
        (await _orders.CountRemainingAsync(Olivia)).Should().Be(0);
        (await _orders.CountRetainedAsync(Olivia)).Should().Be(1);
        (await _orders.CountRemainingAsync(SubjectIdentifiers.Of(SubjectIdentifier.Email("jack@example.org")))).Should().Be(2);
    }

    [Fact]
    public async Task EraseAsync_SameRequestAgain_SameAnswerAndNothingChanges()
    {
        await SeedAsync(("C-1", "olivia.brown@example.com", null, 30));
        var first = await _orders.EraseAsync(Context(Olivia));
        var before = TempDirectory.Dump(_orders.Path);

        var second = await _orders.EraseAsync(Context(Olivia));

        second.Should().Be(first);
        TempDirectory.Dump(_orders.Path).Should().Be(before);
    }

    [Fact]
    public async Task EraseAsync_LaterRequestForTheSameSubject_StillRetainedAndNothingMoreChanges()
    {
        await SeedAsync(("C-1", "olivia.brown@example.com", null, 30));
        await _orders.EraseAsync(Context(Olivia));

        var later = await _orders.EraseAsync(Context(Olivia, "req-2"));

        later.Outcome.Should().Be(ErasureOutcome.Retained);
        later.Reference.Should().Be("orders:req-2:anonymised=0;invoices-deleted=0;invoices-restricted=0");
    }

    [Fact]
    public async Task EraseAsync_OnlyExpiredInvoices_Erased()
    {
        await SeedAsync(("C-1", "olivia.brown@example.com", null, 7 * 365));

        (await _orders.EraseAsync(Context(Olivia))).Outcome.Should().Be(ErasureOutcome.Erased);
        (await _orders.CountRetainedAsync(Olivia)).Should().Be(0);
    }

    [Fact]
    public async Task EraseAsync_ByPhoneOrCustomerId_MatchesToo()
    {
        await SeedAsync(("C-1", "a@example.com", "+447700900123", 7 * 365), ("C-9", "b@example.com", null, 7 * 365));
        var subject = SubjectIdentifiers.Of(SubjectIdentifier.Phone("07700 900123", PhoneNumberDefaults.UnitedKingdom), SubjectIdentifier.CustomerId("C-9"));

        var result = await _orders.EraseAsync(Context(subject));

        result.Reference.Should().Contain("anonymised=2");
    }

    [Fact]
    public async Task EraseAsync_Unknown_NotHeld()
    {
        await SeedAsync(("C-1", "jack@example.org", null, 30));

        (await _orders.EraseAsync(Context(Olivia))).Outcome.Should().Be(ErasureOutcome.NotHeld);
    }

    [Fact]
    public async Task EraseAsync_RegistryDeclaresNoInvoiceRetention_Refuses()
    {
        await SeedAsync(("C-1", "olivia.brown@example.com", null, 30));
        var context = Context(Olivia) with { System = Registries.System("orders") with { Retention = [] } };

        var act = () => _orders.EraseAsync(context);

        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task EraseAsync_FileLockedByAnotherWriter_Transient()
    {
        await SeedAsync(("C-1", "olivia.brown@example.com", null, 30));
        var impatient = new OrdersDatabase(_orders.Path, busyTimeoutSeconds: 1);
        using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_orders.Path};Pooling=False");
        holder.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var act = () => impatient.EraseAsync(Context(Olivia));

        await act.Should().ThrowAsync<TransientConnectorException>();
    }
}
