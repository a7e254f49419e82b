namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>
/// Every statement the SQLite stores run, in one place: the index test (EXPLAIN QUERY PLAN on each
/// constant here) proves none of them scans a table.
/// </summary>
internal static class SqliteSql
{
    // ---------------------------------------------------------------- audit
    public const string AuditInsert = $"""
        INSERT INTO audit_events ({AuditRows.Columns})
        VALUES ($request_id, $seq, $occurred_at, $type, $actor, $system, $subject_hash, $details, $idempotency_key, $previous_hash, $hash)
        """;

    public const string AuditHeadSequence = "SELECT seq FROM audit_events WHERE request_id = $request_id ORDER BY seq DESC LIMIT 1";

    public const string AuditHashAt = "SELECT hash FROM audit_events WHERE request_id = $request_id AND seq = $seq";

    public const string AuditLast = $"SELECT {AuditRows.Columns} FROM audit_events WHERE request_id = $request_id ORDER BY seq DESC LIMIT 1";

    public const string AuditByIdempotencyKey = $"SELECT {AuditRows.Columns} FROM audit_events WHERE request_id = $request_id AND idempotency_key = $idempotency_key";

    public const string AuditOfRequest = $"SELECT {AuditRows.Columns} FROM audit_events WHERE request_id = $request_id ORDER BY seq";

    // ---------------------------------------------------------------- vault
    public const string VaultInsertRecord = """
        INSERT INTO vault_records (request_id, format_version, nonce, ciphertext, tag, sealed_at_ticks)
        VALUES ($request_id, $format_version, $nonce, $ciphertext, $tag, $sealed_at_ticks)
        ON CONFLICT (request_id) DO NOTHING
        """;

    public const string VaultInsertKey = """
        INSERT INTO vault_keys (request_id, master_key_id, ciphertext) VALUES ($request_id, $master_key_id, $ciphertext)
        """;

    public const string VaultRecord = "SELECT format_version, nonce, ciphertext, tag, sealed_at_ticks FROM vault_records WHERE request_id = $request_id";

    public const string VaultKey = "SELECT master_key_id, ciphertext FROM vault_keys WHERE request_id = $request_id";

    public const string VaultDeleteKey = "DELETE FROM vault_keys WHERE request_id = $request_id";

    public const string VaultDeleteRecord = "DELETE FROM vault_records WHERE request_id = $request_id";
}
