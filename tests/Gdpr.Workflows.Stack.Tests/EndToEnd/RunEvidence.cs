using System.Globalization;
using Gdpr.Workflows.Samples.Seeding;
using Gdpr.Workflows.TestSupport.Leaks;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stack.Tests.EndToEnd;

/// <summary>An invoice the orders system still holds about the subject, as its database has it.</summary>
internal sealed record HeldInvoice(string Number, DateOnly IssuedOn, string? RestrictedUnder);

/// <summary>What a leak scan read and found.</summary>
internal sealed record LeakScan(int Files, long Bytes, IReadOnlyList<LeakHit> Hits);

/// <summary>
/// The evidence a finished run is judged on, read from where it lives (the sample systems' databases, the audit
/// store, every file of the data directory), never from what the workflow says about itself.
/// </summary>
internal static class RunEvidence
{
    /// <summary>Every raw identifier the request was submitted with, in the forms a person would type them.</summary>
    public static IReadOnlyList<string> SubmittedIdentifiers(SampleCustomer customer) =>
        [customer.Email, customer.Email.ToLowerInvariant(), customer.CustomerId, .. new[] { customer.PhoneDisplay, customer.PhoneE164 }.OfType<string>()];

    /// <summary>The submitted identifiers and what the sample systems hold beside them (name, address).</summary>
    public static IReadOnlyList<string> PersonalData(SampleCustomer customer) => [.. SubmittedIdentifiers(customer), customer.FullName, customer.Address];

    /// <summary>
    /// Every byte Gdpr.Workflows itself persisted under the data directory: stores.db, engine.db, tasks.db (with their
    /// -wal and -shm files), secrets, the log and the notifications. The sample systems' folder is theirs, scanned by
    /// <see cref="ScanSampleSystems"/>.
    /// </summary>
    public static LeakScan ScanGdprHome(EndToEndHost host, SampleCustomer customer)
    {
        var files = Directory.EnumerateFiles(host.HomeDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(host.SamplesDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();

        // The engine lock is held open exclusively by the running host; it is an empty file.
        var locked = files.Where(f => f == host.Host.Home.EngineLockFile).ToList();
        locked.Should().OnlyContain(f => new FileInfo(f).Length == 0);
        return Scan(files.Except(locked).ToList(), SubmittedIdentifiers(customer));
    }

    /// <summary>
    /// The sample systems' files, byte for byte, minus the lawfully retained records: the orders database is scanned
    /// as a copy from which the restricted invoices were deleted (with secure_delete, so their cells are zeroed).
    /// Whatever is found is personal data an erasure left behind (a row, a free page, a journal).
    /// </summary>
    /// <param name="systems">The systems that erased: the others' files still hold the subject, as they should.</param>
    public static LeakScan ScanSampleSystems(EndToEndHost host, SampleCustomer customer, IReadOnlyList<string> systems)
    {
        var copy = Path.Combine(Path.GetTempPath(), "gdpr-e2e-orders-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(copy);
        try
        {
            var files = new List<string>();
            foreach (var file in Directory.EnumerateFiles(host.SamplesDirectory).Where(f => systems.Any(s => Path.GetFileName(f).StartsWith(s + ".db", StringComparison.Ordinal))))
            {
                if (Path.GetFileName(file).StartsWith("orders.db", StringComparison.Ordinal))
                {
                    var copied = Path.Combine(copy, Path.GetFileName(file));
                    File.Copy(file, copied);
                    files.Add(copied);
                }
                else
                {
                    files.Add(file);
                }
            }

            DeleteRetainedInvoices(Path.Combine(copy, "orders.db"));
            return Scan(files.Where(File.Exists).ToList(), PersonalData(customer));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>The subject's invoices still in the orders database (matched as the system matches: email or customer id).</summary>
    public static IReadOnlyList<HeldInvoice> HeldInvoices(EndToEndHost host, SampleCustomer customer)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = host.Samples.Orders.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT invoice_number, issued_on, restricted_under FROM invoices WHERE customer_id = $id OR lower(email) = $email ORDER BY invoice_number";
        command.Parameters.AddWithValue("$id", customer.CustomerId);
        command.Parameters.AddWithValue("$email", customer.Email.ToLowerInvariant());
        using var reader = command.ExecuteReader();
        var held = new List<HeldInvoice>();
        while (reader.Read())
        {
            held.Add(new HeldInvoice(reader.GetString(0), DateOnly.ParseExact(reader.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return held;
    }

    /// <summary>The seeded invoices of <paramref name="customer"/> that the 6-year rule keeps on <paramref name="today"/>.</summary>
    public static IReadOnlyList<(string Number, DateOnly IssuedOn)> InvoicesTheRuleKeeps(SampleCustomer customer, DateOnly seededOn, DateOnly today) =>
        [.. new SampleDataSeeder(EndToEndHost.Seed).Generate(EndToEndHost.CustomerCount, seededOn).Invoices
            .Where(i => i.CustomerId == customer.CustomerId && InvoiceKeptUntil(i.IssuedOn) >= today)
            .Select(i => (i.InvoiceNumber, i.IssuedOn))
            .OrderBy(i => i.InvoiceNumber, StringComparer.Ordinal)];

    /// <summary>
    /// The sample registry's invoice rule, worked out here independently: six years after the end of the financial
    /// year (31 March) the invoice was issued in.
    /// </summary>
    public static DateOnly InvoiceKeptUntil(DateOnly issuedOn)
    {
        var yearEnd = new DateOnly(issuedOn.Year, 3, 31);
        return (issuedOn <= yearEnd ? yearEnd : yearEnd.AddYears(1)).AddYears(6);
    }

    private static LeakScan Scan(List<string> files, IReadOnlyList<string> identifiers)
    {
        var hits = files.SelectMany(f => PersistedBytesScanner.ScanFile(f, identifiers)).ToList();
        return new LeakScan(files.Count, files.Sum(f => new FileInfo(f).Length), hits);
    }

    private static void DeleteRetainedInvoices(string ordersCopy)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ordersCopy, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA secure_delete = ON;
            DELETE FROM invoices WHERE restricted_under IS NOT NULL;
            PRAGMA wal_checkpoint(TRUNCATE);
            """;
        command.ExecuteNonQuery();
    }
}
