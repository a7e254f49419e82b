using System.Globalization;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Samples.Crm;

/// <summary>A customer record of the CRM, with the notes and consents hanging off it.</summary>
public sealed record CrmCustomer(string Id, string FullName, string Email, string? PhoneE164, string? PhoneDisplay, DateOnly CreatedOn, IReadOnlyList<string> Notes, IReadOnlyList<string> Consents);

/// <summary>
/// The customer relationship management system (SQLite). Erasing a subject deletes the customer record; its notes
/// and consents go with it (ON DELETE CASCADE). Nothing is kept.
/// </summary>
public sealed class CrmDatabase(string path, int busyTimeoutSeconds = SampleDatabase.DefaultBusyTimeoutSeconds)
    : SampleDatabase(path, busyTimeoutSeconds), IErasureConnector, ISampleSystem
{
    public const string SystemName = "crm";

    private const string Match = """
        lower(email) IN (SELECT value FROM json_each(@emails))
        OR phone_e164 IN (SELECT value FROM json_each(@phones))
        OR id IN (SELECT value FROM json_each(@customers))
        """;

    public string Name => SystemName;

    protected override string Schema => """
        CREATE TABLE IF NOT EXISTS customers (
            id TEXT PRIMARY KEY,
            full_name TEXT NOT NULL,
            email TEXT,
            phone_e164 TEXT,
            phone_display TEXT,
            created_on TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS notes (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            body TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS consents (
            customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
            purpose TEXT NOT NULL,
            PRIMARY KEY (customer_id, purpose)
        );
        """ + ErasureLog.Schema;

    public Task InsertAsync(IEnumerable<CrmCustomer> customers, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var c in customers)
            {
                await ExecuteAsync(connection, transaction, """
                    INSERT INTO customers (id, full_name, email, phone_e164, phone_display, created_on)
                    VALUES (@id, @name, @email, @phone, @display, @created)
                    """, cancellationToken,
                    ("@id", c.Id), ("@name", c.FullName), ("@email", c.Email), ("@phone", c.PhoneE164), ("@display", c.PhoneDisplay), ("@created", Iso(c.CreatedOn)));
                foreach (var note in c.Notes)
                {
                    await ExecuteAsync(connection, transaction, "INSERT INTO notes (customer_id, body) VALUES (@id, @body)", cancellationToken, ("@id", c.Id), ("@body", note));
                }

                foreach (var purpose in c.Consents)
                {
                    await ExecuteAsync(connection, transaction, "INSERT INTO consents (customer_id, purpose) VALUES (@id, @purpose)", cancellationToken, ("@id", c.Id), ("@purpose", purpose));
                }
            }

            return 0;
        }, cancellationToken);

    public Task<ConnectorResult> EraseAsync(ErasureContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var keys = SubjectKeys.Of(context.Subject);
        return InTransactionAsync(async (connection, transaction) =>
        {
            if (await ErasureLog.FindAsync(connection, transaction, context.RequestId, cancellationToken, Deduplicates) is { } logged)
            {
                return logged;
            }

            var notes = await ScalarAsync(connection, transaction, $"SELECT count(*) FROM notes WHERE customer_id IN (SELECT id FROM customers WHERE {Match})", cancellationToken, Parameters(keys));
            var deleted = await ExecuteAsync(connection, transaction, $"DELETE FROM customers WHERE {Match}", cancellationToken, Parameters(keys));
            var reference = string.Create(CultureInfo.InvariantCulture, $"crm:{context.RequestId}:customers-deleted={deleted};notes-deleted={notes}");
            var result = new ConnectorResult(deleted > 0 ? ErasureOutcome.Erased : ErasureOutcome.NotHeld, reference);
            await ErasureLog.RecordAsync(connection, transaction, context.RequestId, result, context.Today, cancellationToken);
            return result;
        }, cancellationToken);
    }

    /// <summary>Customer records, notes and consents about the subject.</summary>
    public Task<int> CountRemainingAsync(SubjectIdentifiers subject, CancellationToken cancellationToken = default)
    {
        var keys = SubjectKeys.Of(subject);
        return InTransactionAsync(async (connection, transaction) =>
        {
            var customers = await ScalarAsync(connection, transaction, $"SELECT count(*) FROM customers WHERE {Match}", cancellationToken, Parameters(keys));
            var related = await ScalarAsync(connection, transaction, $"""
                SELECT (SELECT count(*) FROM notes WHERE customer_id IN (SELECT id FROM customers WHERE {Match}))
                     + (SELECT count(*) FROM consents WHERE customer_id IN (SELECT id FROM customers WHERE {Match}))
                """, cancellationToken, Parameters(keys));
            return (int)(customers + related);
        }, cancellationToken);
    }

    private static (string, object?)[] Parameters(SubjectKeys keys) =>
        [("@emails", JsonList(keys.Emails)), ("@phones", JsonList(keys.Phones)), ("@customers", JsonList(keys.CustomerIds))];
}
