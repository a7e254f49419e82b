using Gdpr.Workflows.Local;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Reliability.Support;

/// <summary>How many rows a data directory holds: requests, audit events, vault records, executions. Read while the host runs (WAL).</summary>
public sealed record StoredRows(long Requests, long AuditEvents, long VaultRecords, long Executions)
{
    public static StoredRows Count(string home)
    {
        var gdprHome = GdprHome.At(home);
        return new StoredRows(
            CountRows(gdprHome.StoresFile, "requests"),
            CountRows(gdprHome.StoresFile, "audit_events"),
            CountRows(gdprHome.StoresFile, "vault_records"),
            CountRows(gdprHome.EngineFile, "executions"));
    }

    /// <summary>The executions of the erasure workflow named after <paramref name="requestId"/> (intake names them so).</summary>
    public static long ExecutionsOf(string home, string requestId) => Scalar(GdprHome.At(home).EngineFile, "SELECT COUNT(*) FROM executions WHERE name = $name", ("$name", requestId));

    public override string ToString() => $"{Requests} requests, {AuditEvents} audit events, {VaultRecords} vault records, {Executions} executions";

    private static long CountRows(string file, string table) => File.Exists(file) ? Scalar(file, $"SELECT COUNT(*) FROM {table}") : 0;

    private static long Scalar(string file, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
