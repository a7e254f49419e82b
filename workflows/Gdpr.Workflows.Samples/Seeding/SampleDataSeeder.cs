using System.Globalization;
using Gdpr.Workflows.Samples.Crm;
using Gdpr.Workflows.Samples.Marketing;
using Gdpr.Workflows.Samples.Orders;
using Gdpr.Workflows.Samples.SupportDesk;

namespace Gdpr.Workflows.Samples.Seeding;

/// <summary>Everything the seeder generated, per system.</summary>
public sealed record SeededData(
    IReadOnlyList<SampleCustomer> Customers,
    IReadOnlyList<CrmCustomer> CrmCustomers,
    IReadOnlyList<OrderRow> Orders,
    IReadOnlyList<InvoiceRow> Invoices,
    IReadOnlyList<ContactImportRow> MarketingContacts,
    IReadOnlyList<SupportTicket> Tickets);

/// <summary>
/// Generates fictional customers and their records in every sample system, deterministically: the same seed, count and
/// day always give the same data. Names are common UK names; emails use reserved example domains; phone numbers come
/// from Ofcom's drama ranges (at most 16,000 distinct numbers; later customers have none). The first customer always
/// has data in every system, including an invoice still under retention, so a demo shows every outcome.
/// </summary>
public sealed class SampleDataSeeder(int seed)
{
    public const int MaxCustomers = 100_000;

    public SeededData Generate(int count, DateOnly asOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCustomers);
        var random = new Random(seed);
        var phones = new PhonePool(random);
        var usedEmails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var data = new Builder();
        for (var i = 0; i < count; i++)
        {
            var rich = i == 0;
            var customer = Customer(random, i, phones, usedEmails, withPhone: rich || random.NextDouble() < 0.8);
            data.Customers.Add(customer);
            AddCrm(data, random, customer, asOf);
            var lastOrder = AddOrders(data, random, customer, asOf, rich);
            if (rich || random.NextDouble() < 0.6)
            {
                data.Marketing.Add(new ContactImportRow(customer.Email.ToLowerInvariant(), customer.FirstName,
                    random.NextDouble() < 0.3 ? customer.PhoneDisplay : null, Pick(random, SampleNames.MarketingSources)));
            }

            if (rich || random.NextDouble() < 0.35)
            {
                AddTickets(data, random, customer, asOf, rich, lastOrder ?? "(no order)");
            }
        }

        return new SeededData(data.Customers, data.Crm, data.Orders, data.Invoices, data.Marketing, data.Tickets);
    }

    private static SampleCustomer Customer(Random random, int index, PhonePool phones, HashSet<string> usedEmails, bool withPhone)
    {
        var first = Pick(random, SampleNames.FirstNames);
        var last = Pick(random, SampleNames.LastNames);
        var localBase = (random.Next(3) switch
        {
            0 => $"{first}.{last}",
            1 => $"{first[0]}{last}",
            _ => $"{first}_{last}",
        }).Replace("'", string.Empty, StringComparison.Ordinal);
        var domain = Pick(random, SampleNames.EmailDomains);
        var email = $"{localBase}@{domain}";
        for (var n = 2; !usedEmails.Add(email); n++)
        {
            email = $"{localBase}{n}@{domain}";
        }

        // Most addresses are stored as typed; lower-casing is the systems' job when they match.
        if (random.NextDouble() < 0.7)
        {
            email = email.ToLowerInvariant();
        }

        var phone = withPhone ? phones.Next() : null;
        var (town, postcode) = Pick(random, SampleNames.Towns);
        var address = string.Create(CultureInfo.InvariantCulture,
            $"{random.Next(1, 200)} {Pick(random, SampleNames.Streets)}, {town} {postcode}{random.Next(1, 30)} {random.Next(1, 10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}");
        return new SampleCustomer(string.Create(CultureInfo.InvariantCulture, $"C-{index + 1:D6}"), first, last, email, phone?.Display, phone?.E164, address);
    }

    private static void AddCrm(Builder data, Random random, SampleCustomer customer, DateOnly asOf)
    {
        var notes = Enumerable.Range(0, random.Next(3))
            .Select(_ => string.Format(CultureInfo.InvariantCulture, Pick(random, SampleNames.NoteTemplates), customer.FirstName))
            .ToList();
        var consents = SampleNames.Consents.Where(_ => random.NextDouble() < 0.4).ToList();
        data.Crm.Add(new CrmCustomer(customer.CustomerId, customer.FullName, customer.Email, customer.PhoneE164, customer.PhoneDisplay,
            asOf.AddDays(-random.Next(30, 9 * 365)), notes, consents));
    }

    /// <summary>Adds 0 to 4 orders, each with its invoice; returns the last order number.</summary>
    private static string? AddOrders(Builder data, Random random, SampleCustomer customer, DateOnly asOf, bool rich)
    {
        string? number = null;
        var count = rich ? 3 : random.Next(5);
        for (var k = 0; k < count; k++)
        {
            // The rich customer has an old order (its invoice past retention) and recent ones (still retained).
            var age = rich ? (k == 0 ? 7 * 365 : 30 * k) : random.Next(1, 8 * 365);
            var placed = asOf.AddDays(-age);
            number = string.Create(CultureInfo.InvariantCulture, $"SO-{data.Orders.Count + 1:D7}");
            var total = (long)random.Next(500, 25_000);
            data.Orders.Add(new OrderRow(number, customer.CustomerId, customer.FullName, customer.Email, customer.PhoneE164, customer.Address, placed, total));
            data.Invoices.Add(new InvoiceRow(string.Create(CultureInfo.InvariantCulture, $"INV-{data.Invoices.Count + 1:D7}"), number, customer.CustomerId,
                customer.FullName, customer.Address, customer.Email, placed, total, total / 6));
        }

        return number;
    }

    private static void AddTickets(Builder data, Random random, SampleCustomer customer, DateOnly asOf, bool rich, string orderNumber)
    {
        var count = rich ? 1 : random.Next(1, 3);
        for (var k = 0; k < count; k++)
        {
            var messages = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => string.Format(CultureInfo.InvariantCulture, Pick(random, SampleNames.MessageTemplates), customer.FirstName, orderNumber))
                .ToList();
            data.Tickets.Add(new SupportTicket(string.Create(CultureInfo.InvariantCulture, $"T-{data.Tickets.Count + 1:D6}"), customer.FullName,
                customer.Email, customer.PhoneE164, Pick(random, SampleNames.TicketSubjects), asOf.AddDays(-random.Next(1, 3 * 365)), messages));
        }
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private sealed class Builder
    {
        public List<SampleCustomer> Customers { get; } = [];

        public List<CrmCustomer> Crm { get; } = [];

        public List<OrderRow> Orders { get; } = [];

        public List<InvoiceRow> Invoices { get; } = [];

        public List<ContactImportRow> Marketing { get; } = [];

        public List<SupportTicket> Tickets { get; } = [];
    }

    /// <summary>Hands out distinct drama-range numbers in a seeded random order.</summary>
    private sealed class PhonePool(Random random)
    {
        private readonly int[] _order = Enumerable.Range(0, SampleNames.PhoneRanges.Length * 1000).ToArray();
        private int _used;

        public (string Display, string E164)? Next()
        {
            if (_used == _order.Length)
            {
                return null;
            }

            // One step of a Fisher-Yates shuffle per number handed out.
            var pick = random.Next(_used, _order.Length);
            (_order[_used], _order[pick]) = (_order[pick], _order[_used]);
            var index = _order[_used++];
            var (display, e164) = SampleNames.PhoneRanges[index / 1000];
            var digits = (index % 1000).ToString("D3", CultureInfo.InvariantCulture);
            return (display + digits, e164 + digits);
        }
    }
}
