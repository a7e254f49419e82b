using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Samples;

/// <summary>
/// The <c>erasure_log</c> table every sample system keeps: what it answered per erasure request, so a repeated
/// request (a retry) changes nothing and gets the same answer. Holds request ids and counts, no personal data.
/// Beside it, <c>erasure_effects</c> gets one row each time an erasure is actually applied (in the erasure's own
/// transaction, with no uniqueness), so a side effect applied twice for one request is countable rather than assumed away.
/// And <c>erasure_deliveries</c> gets one row each time the system is asked (at its boundary, before the log is consulted),
/// so deliveries repeated by retries and recoveries are counted apart from effects repeated by a broken dedupe.
/// </summary>
internal static class ErasureLog
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS erasure_log (
            request_id TEXT PRIMARY KEY,
            outcome TEXT NOT NULL,
            reference TEXT NOT NULL,
            retained_data TEXT,
            retain_until TEXT,
            erased_on TEXT NOT NULL
        );
        """ + EffectsSchema;

    /// <summary>One row per erasure applied; the support desk, which keeps no erasure_log, records its effects here too.</summary>
    public const string EffectsSchema = """
        CREATE TABLE IF NOT EXISTS erasure_effects (
            id INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL,
            applied_on TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS erasure_deliveries (
            id INTEGER PRIMARY KEY,
            request_id TEXT NOT NULL
        );
        """;

    /// <summary>
    /// Counts the delivery, then (with <paramref name="deduplicate"/>) answers a request seen before from the log. Without
    /// it the erasure is applied again: the switch exists so a test can prove <c>erasure_effects</c> counts duplicates.
    /// </summary>
    public static async Task<ConnectorResult?> FindAsync(SqliteConnection connection, SqliteTransaction transaction, string requestId, CancellationToken cancellationToken, bool deduplicate = true)
    {
        await using (var delivered = connection.CreateCommand())
        {
            delivered.Transaction = transaction;
            delivered.CommandText = "INSERT INTO erasure_deliveries (request_id) VALUES (@id)";
            delivered.Parameters.AddWithValue("@id", requestId);
            await delivered.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!deduplicate)
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT outcome, reference, retained_data, retain_until FROM erasure_log WHERE request_id = @id";
        command.Parameters.AddWithValue("@id", requestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        if (!ErasureOutcomes.TryParse(reader.GetString(0), out var outcome))
        {
            throw new InvalidDataException($"The erasure log holds an unknown outcome for request {requestId}.");
        }

        return new ConnectorResult(
            outcome,
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : DateOnly.ParseExact(reader.GetString(3), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async Task RecordAsync(SqliteConnection connection, SqliteTransaction transaction, string requestId, ConnectorResult result, DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR REPLACE INTO erasure_log (request_id, outcome, reference, retained_data, retain_until, erased_on)
            VALUES (@id, @outcome, @reference, @data, @until, @today)
            ON CONFLICT (request_id) DO UPDATE SET outcome = excluded.outcome, reference = excluded.reference,
                retained_data = excluded.retained_data, retain_until = excluded.retain_until, erased_on = excluded.erased_on
            """;
        command.Parameters.AddWithValue("@id", requestId);
        command.Parameters.AddWithValue("@outcome", result.Outcome.WireName());
        command.Parameters.AddWithValue("@reference", result.Reference);
        command.Parameters.AddWithValue("@data", (object?)result.RetainedData ?? DBNull.Value);
        command.Parameters.AddWithValue("@until", result.RetainUntil is { } until ? until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : DBNull.Value);
        command.Parameters.AddWithValue("@today", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
        await RecordEffectAsync(connection, transaction, requestId, today, cancellationToken);
    }

    /// <summary>Counts one application of an erasure for <paramref name="requestId"/> (call it in the transaction that applied it).</summary>
    public static async Task RecordEffectAsync(SqliteConnection connection, SqliteTransaction transaction, string requestId, DateOnly today, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO erasure_effects (request_id, applied_on) VALUES (@id, @today)";
        command.Parameters.AddWithValue("@id", requestId);
        command.Parameters.AddWithValue("@today", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Per request id, how many times its erasure was applied (1 when idempotency held).</summary>
    public static Task<IReadOnlyDictionary<string, int>> EffectsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        CountAsync(connection, transaction, "SELECT request_id, count(*) FROM erasure_effects GROUP BY request_id", cancellationToken);

    /// <summary>Per request id, how many times the system was asked to erase (more than once after retries or recoveries).</summary>
    public static Task<IReadOnlyDictionary<string, int>> DeliveriesAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        CountAsync(connection, transaction, "SELECT request_id, count(*) FROM erasure_deliveries GROUP BY request_id", cancellationToken);

    private static async Task<IReadOnlyDictionary<string, int>> CountAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var effects = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            effects[reader.GetString(0)] = reader.GetInt32(1);
        }

        return effects;
    }
}
