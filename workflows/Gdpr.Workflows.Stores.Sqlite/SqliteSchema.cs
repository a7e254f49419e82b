using System.Globalization;

namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>
/// The tables and indexes. Every query in <see cref="SqliteSql"/> is answered from one of these
/// indexes (a test runs EXPLAIN QUERY PLAN on each), so reads cost the same at a million requests as at ten.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 2;

    private const string Ddl = """
        -- Hash-chained audit events: append-only, one row per (request, sequence). Times are Unix
        -- milliseconds (UTC); hashes are the 32 raw bytes of the hex the domain uses.
        CREATE TABLE IF NOT EXISTS audit_events (
            request_id      TEXT    NOT NULL,
            seq             INTEGER NOT NULL CHECK (seq >= 1),
            occurred_at     INTEGER NOT NULL,
            type            TEXT    NOT NULL,
            actor           TEXT    NOT NULL,
            system          TEXT,
            subject_hash    BLOB,
            details         TEXT,
            idempotency_key TEXT,
            previous_hash   BLOB    NOT NULL,
            hash            BLOB    NOT NULL,
            PRIMARY KEY (request_id, seq)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS audit_by_idempotency_key
            ON audit_events (request_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_by_subject
            ON audit_events (subject_hash, occurred_at, request_id, seq) WHERE subject_hash IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_by_time
            ON audit_events (occurred_at, request_id, seq);
        CREATE INDEX IF NOT EXISTS audit_by_system
            ON audit_events (system, occurred_at, request_id, seq) WHERE system IS NOT NULL;

        -- The vault: sealed record and wrapped key apart, so the key alone can be destroyed.
        CREATE TABLE IF NOT EXISTS vault_records (
            request_id     TEXT    NOT NULL PRIMARY KEY,
            format_version INTEGER NOT NULL,
            nonce          BLOB    NOT NULL,
            ciphertext     BLOB    NOT NULL,
            tag            BLOB    NOT NULL,
            sealed_at_ticks INTEGER NOT NULL -- exact: .NET ticks, UTC
        );
        CREATE TABLE IF NOT EXISTS vault_keys (
            request_id    TEXT NOT NULL PRIMARY KEY REFERENCES vault_records (request_id) ON DELETE CASCADE,
            master_key_id TEXT NOT NULL,
            ciphertext    BLOB NOT NULL
        );

        -- Requests: the whole record as JSON in body; the columns beside it exist for the indexes.
        -- open_queue is 'open' while the request is open and NULL once final (a sparse index, as in DynamoDB).
        CREATE TABLE IF NOT EXISTS requests (
            request_id  TEXT    NOT NULL PRIMARY KEY,
            version     INTEGER NOT NULL CHECK (version >= 1),
            intake_key  TEXT    NOT NULL UNIQUE,
            status      TEXT    NOT NULL,
            received_at INTEGER NOT NULL,
            open_queue  TEXT CHECK (open_queue = 'open'),
            due_key     TEXT    NOT NULL,
            body        TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS requests_open_by_deadline
            ON requests (open_queue, due_key, request_id) WHERE open_queue IS NOT NULL;
        CREATE INDEX IF NOT EXISTS requests_by_status
            ON requests (status, received_at, request_id);
        -- One row per (subject hash, request): a request has one hash per identifier.
        CREATE TABLE IF NOT EXISTS request_subjects (
            subject_hash TEXT    NOT NULL,
            received_at  INTEGER NOT NULL,
            request_id   TEXT    NOT NULL REFERENCES requests (request_id),
            PRIMARY KEY (subject_hash, received_at, request_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS request_subjects_by_request ON request_subjects (request_id);

        CREATE TABLE IF NOT EXISTS task_tokens (
            request_id         TEXT    NOT NULL,
            purpose            TEXT    NOT NULL,
            task_token         TEXT    NOT NULL,
            execution_id       TEXT    NOT NULL,
            stored_at_ticks    INTEGER NOT NULL,
            expires_at_ticks   INTEGER,
            PRIMARY KEY (request_id, purpose)
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// Version 2: the head of the request's audit chain (last sequence and hash), written by every append in the
    /// same transaction, so a chain cut short or deleted no longer matches its request's record.
    /// </summary>
    private const string AddAuditAnchor = "ALTER TABLE requests ADD COLUMN audit_head_seq INTEGER; ALTER TABLE requests ADD COLUMN audit_head_hash BLOB;";

    public static void Apply(SqliteSession session)
    {
        var command = session.Command("PRAGMA user_version");
        var current = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > Version)
        {
            throw new InvalidOperationException(
                $"{session.Connection.DataSource}: schema version {current} is newer than this program's ({Version}); upgrade the program.");
        }

        if (current == Version)
        {
            return;
        }

        session.Command(Ddl).ExecuteNonQuery();
        if (current < 2)
        {
            session.Command(AddAuditAnchor).ExecuteNonQuery();
        }

        session.Command(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {Version}")).ExecuteNonQuery();
    }
}
