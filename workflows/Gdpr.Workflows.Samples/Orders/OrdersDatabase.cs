using System.Globalization;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Samples.Orders;

/// <summary>An order as the shop stores it.</summary>
public sealed record OrderRow(string OrderNumber, string CustomerId, string CustomerName, string Email, string? PhoneE164, string ShippingAddress, DateOnly PlacedOn, long TotalPence);

/// <summary>An issued invoice: an accounting record, immutable once issued.</summary>
public sealed record InvoiceRow(string InvoiceNumber, string OrderNumber, string CustomerId, string BillingName, string BillingAddress, string Email, DateOnly IssuedOn, long AmountPence, long VatPence);

/// <summary>
/// The web shop's orders and invoices (SQLite). Erasing a subject anonymises their orders; their invoices are
/// accounting records the law requires to be kept (the registry's "invoices" rule, e.g. Art. 17(3)(b) for 6 years),
/// so they are not altered but restricted to that purpose, and reported "retained" until the newest one's period
/// ends. Invoices whose period has already ended are deleted.
/// </summary>
public sealed class OrdersDatabase(string path, int busyTimeoutSeconds = SampleDatabase.DefaultBusyTimeoutSeconds)
    : SampleDatabase(path, busyTimeoutSeconds), IErasureConnector, ISampleSystem
{
    public const string SystemName = "orders";
    public const string InvoicesData = "invoices";

    public string Name => SystemName;

    protected override string Schema => """
        CREATE TABLE IF NOT EXISTS orders (
            id INTEGER PRIMARY KEY,
            order_number TEXT NOT NULL UNIQUE,
            customer_id TEXT,
            customer_name TEXT,
            email TEXT,
            phone_e164 TEXT,
            shipping_address TEXT,
            placed_on TEXT NOT NULL,
            total_pence INTEGER NOT NULL,
            anonymised_on TEXT
        );
        CREATE TABLE IF NOT EXISTS invoices (
            id INTEGER PRIMARY KEY,
            invoice_number TEXT NOT NULL UNIQUE,
            order_number TEXT NOT NULL,
            customer_id TEXT NOT NULL,
            billing_name TEXT NOT NULL,
            billing_address TEXT NOT NULL,
            email TEXT NOT NULL,
            issued_on TEXT NOT NULL,
            amount_pence INTEGER NOT NULL,
            vat_pence INTEGER NOT NULL,
            restricted_under TEXT,
            restricted_on TEXT
        );
        """ + ErasureLog.Schema;

    /// <summary>Adds orders and invoices (the seeder's way in).</summary>
    public Task InsertAsync(IEnumerable<OrderRow> orders, IEnumerable<InvoiceRow> invoices, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var o in orders)
            {
                await ExecuteAsync(connection, transaction, """
                    INSERT INTO orders (order_number, customer_id, customer_name, email, phone_e164, shipping_address, placed_on, total_pence)
                    VALUES (@number, @customer, @name, @email, @phone, @address, @placed, @total)
                    """, cancellationToken,
                    ("@number", o.OrderNumber), ("@customer", o.CustomerId), ("@name", o.CustomerName), ("@email", o.Email),
                    ("@phone", o.PhoneE164), ("@address", o.ShippingAddress), ("@placed", Iso(o.PlacedOn)), ("@total", o.TotalPence));
            }

            foreach (var i in invoices)
            {
                await ExecuteAsync(connection, transaction, """
                    INSERT INTO invoices (invoice_number, order_number, customer_id, billing_name, billing_address, email, issued_on, amount_pence, vat_pence)
                    VALUES (@number, @order, @customer, @name, @address, @email, @issued, @amount, @vat)
                    """, cancellationToken,
                    ("@number", i.InvoiceNumber), ("@order", i.OrderNumber), ("@customer", i.CustomerId), ("@name", i.BillingName),
                    ("@address", i.BillingAddress), ("@email", i.Email), ("@issued", Iso(i.IssuedOn)), ("@amount", i.AmountPence), ("@vat", i.VatPence));
            }

            return 0;
        }, cancellationToken);

    public Task<ConnectorResult> EraseAsync(ErasureContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rule = context.System.FindRetention(InvoicesData)
            ?? throw new InvalidOperationException($"The registry entry of '{context.System.Name}' declares no retention rule for {InvoicesData}.");
        var keys = SubjectKeys.Of(context.Subject);
        return InTransactionAsync(async (connection, transaction) =>
        {
            // A repeat answers as before, until what was retained has passed its date: then the retention follow-up
            // asks again and the expired invoices are erased (the log is updated to the new answer).
            if (await ErasureLog.FindAsync(connection, transaction, context.RequestId, cancellationToken) is { } logged
                && !(logged.Outcome == ErasureOutcome.Retained && logged.RetainUntil < context.Today))
            {
                return logged;
            }

            var anonymised = await ExecuteAsync(connection, transaction, """
                UPDATE orders
                SET customer_id = NULL, customer_name = NULL, email = NULL, phone_e164 = NULL, shipping_address = NULL, anonymised_on = @today
                WHERE anonymised_on IS NULL AND (
                    lower(email) IN (SELECT value FROM json_each(@emails))
                    OR phone_e164 IN (SELECT value FROM json_each(@phones))
                    OR customer_id IN (SELECT value FROM json_each(@customers)))
                """, cancellationToken, Parameters(keys, context.Today));

            var invoices = await QueryAsync(connection, transaction, """
                SELECT id, issued_on FROM invoices
                WHERE lower(email) IN (SELECT value FROM json_each(@emails)) OR customer_id IN (SELECT value FROM json_each(@customers))
                """, r => (Id: r.GetInt64(0), IssuedOn: ParseDay(r.GetString(1))), cancellationToken, Parameters(keys, context.Today));
            // The registry says how the period counts: for invoices, six years from the end of the invoice's financial year.
            var expired = invoices.Where(i => rule.KeepUntil(i.IssuedOn) < context.Today).ToList();
            var kept = invoices.Except(expired).ToList();
            foreach (var invoice in expired)
            {
                await ExecuteAsync(connection, transaction, "DELETE FROM invoices WHERE id = @id", cancellationToken, ("@id", invoice.Id));
            }

            var restricted = await ExecuteAsync(connection, transaction, """
                UPDATE invoices SET restricted_under = @ground, restricted_on = @today
                WHERE restricted_under IS NULL AND id IN (SELECT value FROM json_each(@ids))
                """, cancellationToken, ("@ground", rule.Ground.Article()), ("@today", Iso(context.Today)),
                ("@ids", System.Text.Json.JsonSerializer.Serialize(kept.Select(i => i.Id).ToArray())));

            var reference = string.Create(CultureInfo.InvariantCulture,
                $"orders:{context.RequestId}:anonymised={anonymised};invoices-deleted={expired.Count};invoices-restricted={restricted}");
            var result = kept.Count > 0
                ? new ConnectorResult(ErasureOutcome.Retained, reference, rule.Data, rule.KeepUntil(kept.Max(i => i.IssuedOn)))
                : new ConnectorResult(anonymised + expired.Count > 0 ? ErasureOutcome.Erased : ErasureOutcome.NotHeld, reference);
            await ErasureLog.RecordAsync(connection, transaction, context.RequestId, result, context.Today, cancellationToken);
            return result;
        }, cancellationToken);
    }

    /// <summary>Orders not yet anonymised and invoices not restricted under a retention ground.</summary>
    public Task<int> CountRemainingAsync(SubjectIdentifiers subject, CancellationToken cancellationToken = default)
    {
        var keys = SubjectKeys.Of(subject);
        return InTransactionAsync(async (connection, transaction) =>
        {
            var orders = await ScalarAsync(connection, transaction, """
                SELECT count(*) FROM orders WHERE anonymised_on IS NULL AND (
                    lower(email) IN (SELECT value FROM json_each(@emails))
                    OR phone_e164 IN (SELECT value FROM json_each(@phones))
                    OR customer_id IN (SELECT value FROM json_each(@customers)))
                """, cancellationToken, Parameters(keys, default));
            var invoices = await ScalarAsync(connection, transaction, """
                SELECT count(*) FROM invoices WHERE restricted_under IS NULL AND (
                    lower(email) IN (SELECT value FROM json_each(@emails)) OR customer_id IN (SELECT value FROM json_each(@customers)))
                """, cancellationToken, Parameters(keys, default));
            return (int)(orders + invoices);
        }, cancellationToken);
    }

    /// <summary>Invoices of the subject kept under a retention ground (the demo shows them as "retained").</summary>
    public Task<int> CountRetainedAsync(SubjectIdentifiers subject, CancellationToken cancellationToken = default)
    {
        var keys = SubjectKeys.Of(subject);
        return InTransactionAsync(async (connection, transaction) => (int)await ScalarAsync(connection, transaction, """
            SELECT count(*) FROM invoices WHERE restricted_under IS NOT NULL AND (
                lower(email) IN (SELECT value FROM json_each(@emails)) OR customer_id IN (SELECT value FROM json_each(@customers)))
            """, cancellationToken, Parameters(keys, default)), cancellationToken);
    }

    private static (string, object?)[] Parameters(SubjectKeys keys, DateOnly today) =>
    [
        ("@emails", JsonList(keys.Emails)),
        ("@phones", JsonList(keys.Phones)),
        ("@customers", JsonList(keys.CustomerIds)),
        ("@today", Iso(today)),
    ];
}
