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

    /// <summary>Anchors the chain's head in the request's record; never moves it back (a replayed append changes nothing).</summary>
    public const string AuditAnchorUpdate = """
        UPDATE requests SET audit_head_seq = $seq, audit_head_hash = $hash
        WHERE request_id = $request_id AND (audit_head_seq IS NULL OR audit_head_seq < $seq)
        """;

    public const string AuditAnchor = "SELECT audit_head_seq, audit_head_hash FROM requests WHERE request_id = $request_id";

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

    // ---------------------------------------------------------------- audit history
    public const string AuditBySubject = $"""
        SELECT {AuditRows.Columns} FROM audit_events
        WHERE subject_hash = $subject_hash AND (occurred_at, request_id, seq) > ($after_time, $after_id, $after_seq)
        ORDER BY occurred_at, request_id, seq LIMIT $limit
        """;

    public const string AuditByTime = $"""
        SELECT {AuditRows.Columns} FROM audit_events
        WHERE occurred_at >= $from AND occurred_at < $to AND (occurred_at, request_id, seq) > ($after_time, $after_id, $after_seq)
        ORDER BY occurred_at, request_id, seq LIMIT $limit
        """;

    public const string AuditBySystemAndTime = $"""
        SELECT {AuditRows.Columns} FROM audit_events
        WHERE system = $system AND occurred_at >= $from AND occurred_at < $to AND (occurred_at, request_id, seq) > ($after_time, $after_id, $after_seq)
        ORDER BY occurred_at, request_id, seq LIMIT $limit
        """;

    // ---------------------------------------------------------------- requests
    public const string RequestColumns = "request_id, version, intake_key, status, received_at, open_queue, due_key, body";

    public const string RequestInsert = $"""
        INSERT INTO requests ({RequestColumns})
        VALUES ($request_id, $version, $intake_key, $status, $received_at, $open_queue, $due_key, $body)
        """;

    public const string RequestUpdate = """
        UPDATE requests SET version = $version, status = $status, received_at = $received_at, open_queue = $open_queue,
            due_key = $due_key, body = $body
        WHERE request_id = $request_id AND version = $expected_version
        """;

    public const string RequestBody = "SELECT body FROM requests WHERE request_id = $request_id";

    public const string RequestByIntakeKey = "SELECT body FROM requests WHERE intake_key = $intake_key";

    public const string RequestVersion = "SELECT version, intake_key, received_at FROM requests WHERE request_id = $request_id";

    public const string RequestSubjectInsert = "INSERT OR IGNORE INTO request_subjects (subject_hash, received_at, request_id) VALUES ($subject_hash, $received_at, $request_id)";

    public const string RequestSubjectsOf = "SELECT subject_hash FROM request_subjects WHERE request_id = $request_id";

    public const string RequestSubjectsDelete = "DELETE FROM request_subjects WHERE request_id = $request_id";

    public const string RequestsOpenByDeadline = """
        SELECT body, due_key, request_id FROM requests
        WHERE open_queue = 'open' AND (due_key, request_id) > ($after_key, $after_id)
        ORDER BY due_key, request_id LIMIT $limit
        """;

    public const string RequestsByStatus = """
        SELECT body, received_at, request_id FROM requests
        WHERE status = $status AND (received_at, request_id) > ($after_time, $after_id)
        ORDER BY received_at, request_id LIMIT $limit
        """;

    public const string RequestsBySubject = """
        SELECT r.body, s.received_at, s.request_id FROM request_subjects AS s CROSS JOIN requests AS r ON r.request_id = s.request_id
        WHERE s.subject_hash = $subject_hash AND (s.received_at, s.request_id) > ($after_time, $after_id)
        ORDER BY s.received_at, s.request_id LIMIT $limit
        """;

    // ---------------------------------------------------------------- task tokens
    public const string TokenColumns = "request_id, purpose, task_token, execution_id, stored_at_ticks, expires_at_ticks";

    public const string TokenUpsert = $"""
        INSERT INTO task_tokens ({TokenColumns}) VALUES ($request_id, $purpose, $task_token, $execution_id, $stored_at_ticks, $expires_at_ticks)
        ON CONFLICT (request_id, purpose) DO UPDATE SET task_token = excluded.task_token, execution_id = excluded.execution_id,
            stored_at_ticks = excluded.stored_at_ticks, expires_at_ticks = excluded.expires_at_ticks
        """;

    public const string TokenGet = $"SELECT {TokenColumns} FROM task_tokens WHERE request_id = $request_id AND purpose = $purpose";

    public const string TokenTake = $"DELETE FROM task_tokens WHERE request_id = $request_id AND purpose = $purpose RETURNING {TokenColumns}";

    public const string TokenDeleteIfMatches = "DELETE FROM task_tokens WHERE request_id = $request_id AND purpose = $purpose AND task_token = $task_token";
}
