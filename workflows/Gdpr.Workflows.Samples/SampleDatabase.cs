using System.Globalization;
using System.Text.Json;
using Gdpr.Workflows.Erasure.Ports;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Samples;

/// <summary>One sample system's SQLite file: opening connections and mapping SQLite's transient errors.</summary>
public abstract class SampleDatabase
{
    // SQLITE_BUSY and SQLITE_LOCKED: another writer holds the file; trying again later works.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>How long a statement waits for another writer's lock before the failure counts as transient.</summary>
    public const int DefaultBusyTimeoutSeconds = 5;

    private readonly int _busyTimeoutSeconds;

    protected SampleDatabase(string path, int busyTimeoutSeconds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(busyTimeoutSeconds, 1); // 0 would mean "wait forever" to SQLite
        Path = path;
        _busyTimeoutSeconds = busyTimeoutSeconds;
    }

    /// <summary>The SQLite file.</summary>
    public string Path { get; }

    /// <summary>Creates the file and its tables if they do not exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, Schema, cancellationToken);
    }

    /// <summary>
    /// Per erasure request, how many times the system applied its erasure (see <c>erasure_effects</c>): each request
    /// should appear once, however often a retry or a crash recovery asked again.
    /// </summary>
    public Task<IReadOnlyDictionary<string, int>> ErasureEffectsAsync(CancellationToken cancellationToken = default) =>
        InTransactionAsync((connection, transaction) => ErasureLog.EffectsAsync(connection, transaction, cancellationToken), cancellationToken);

    /// <summary>
    /// Per erasure request, how many times the system was asked (see <c>erasure_deliveries</c>): more than once is normal
    /// under retries and crash recovery, and absorbed by the request id as idempotency key.
    /// </summary>
    public Task<IReadOnlyDictionary<string, int>> ErasureDeliveriesAsync(CancellationToken cancellationToken = default) =>
        InTransactionAsync((connection, transaction) => ErasureLog.DeliveriesAsync(connection, transaction, cancellationToken), cancellationToken);

    /// <summary>
    /// False turns the system's dedupe by request id off (systems that honour it: the CRM), so a repeated delivery is
    /// applied again: only for proving that <see cref="ErasureEffectsAsync"/> can show duplicates.
    /// </summary>
    public bool Deduplicates { get; init; } = true;

    /// <summary>The CREATE TABLE IF NOT EXISTS statements of the system.</summary>
    protected abstract string Schema { get; }

    protected async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // No pooling: each call owns its connection, so files can be deleted and copied between runs.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = false,
            DefaultTimeout = _busyTimeoutSeconds,
        }.ToString());
        await connection.OpenAsync(cancellationToken);

        // secure_delete: SQLite otherwise leaves a deleted or overwritten row's bytes in the page's free space, so an
        // "erased" email address would still be on disk. With it, freed content is zeroed as it is freed.
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;", cancellationToken);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction; SQLite's busy/locked errors become <see cref="TransientConnectorException"/>.</summary>
    protected async Task<T> InTransactionAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteBusy or SqliteLocked)
        {
            throw new TransientConnectorException($"The {GetType().Name} file is busy (SQLite error {e.SqliteErrorCode}).", e);
        }
    }

    protected static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected static async Task<long> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, CultureInfo.InvariantCulture);
    }

    protected static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, SqliteTransaction? transaction, string sql, Func<SqliteDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>A JSON array parameter, for <c>IN (SELECT value FROM json_each(@list))</c>.</summary>
    protected static string JsonList(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToArray());

    protected static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    protected static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
