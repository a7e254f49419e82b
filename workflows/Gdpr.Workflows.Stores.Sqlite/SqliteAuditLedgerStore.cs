using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>
/// The audit ledger in <c>audit_events</c>. An append is one IMMEDIATE transaction (idempotency key,
/// head and insert checked and written under SQLite's write lock, across processes), with the
/// primary key (request_id, seq) and the unique (request_id, idempotency_key) index as the last word.
/// </summary>
public sealed class SqliteAuditLedgerStore(SqliteStoreDatabase database) : IAuditLedgerStore
{
    public Task<AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write(session => Append(session, auditEvent)));
    }

    /// <summary>
    /// Appends many events in ONE transaction (the bulk path: imports, benchmarks), each checked as
    /// <see cref="TryAppendAsync"/> checks it; the results are in the events' order.
    /// </summary>
    public IReadOnlyList<AuditAppendResult> AppendBatch(IReadOnlyList<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return database.Write(session => events.Select(e => Append(session, e ?? throw new ArgumentException("The batch holds a null event.", nameof(events)))).ToList());
    }

    public Task<AuditEvent?> GetLastAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(session => AuditRows.ReadFirst(session.Command(SqliteSql.AuditLast).With("$request_id", requestId))));
    }

    public Task<AuditEvent?> FindByIdempotencyKeyAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        StoreArguments.IdempotencyKey(idempotencyKey);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(session => FindByKey(session, requestId, idempotencyKey)));
    }

    public Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<AuditEvent>>(database.Read(session => AuditRows.ReadAll(session.Command(SqliteSql.AuditOfRequest).With("$request_id", requestId))));
    }

    /// <summary>The append itself, inside the caller's write transaction.</summary>
    internal static AuditAppendResult Append(SqliteSession session, AuditEvent e)
    {
        if (e.IdempotencyKey is { } key && FindByKey(session, e.RequestId, key) is { } recorded)
        {
            return AuditAppendResult.DuplicateIdempotencyKey(recorded);
        }

        var head = session.Command(SqliteSql.AuditHeadSequence).With("$request_id", e.RequestId).ExecuteScalar();
        var next = (head is long last ? last : 0) + 1;
        if (e.Sequence < next)
        {
            return StoredAlready(session, e) ? AuditAppendResult.Appended : AuditAppendResult.SequenceConflict;
        }

        if (e.Sequence > next)
        {
            throw new InvalidOperationException(
                $"Appending sequence {e.Sequence} to request {e.RequestId} would leave a gap; the next sequence is {next}.");
        }

        try
        {
            AuditRows.BindInsert(session.Command(SqliteSql.AuditInsert), e).ExecuteNonQuery();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteErrorCodes.Constraint)
        {
            // Unreachable while every writer goes through this method under the write lock; kept so a
            // foreign writer can never fork the chain or reuse a key.
            return e.IdempotencyKey is { } taken && FindByKey(session, e.RequestId, taken) is { } other
                ? AuditAppendResult.DuplicateIdempotencyKey(other)
                : AuditAppendResult.SequenceConflict;
        }

        return AuditAppendResult.Appended;
    }

    private static AuditEvent? FindByKey(SqliteSession session, string requestId, string key) =>
        AuditRows.ReadFirst(session.Command(SqliteSql.AuditByIdempotencyKey).With("$request_id", requestId).With("$idempotency_key", key));

    /// <summary>True when this very event (same hash) holds its sequence already: a retry whose first answer was lost.</summary>
    private static bool StoredAlready(SqliteSession session, AuditEvent e) =>
        session.Command(SqliteSql.AuditHashAt).With("$request_id", e.RequestId).With("$seq", e.Sequence).ExecuteScalar() is byte[] stored
        && Convert.ToHexStringLower(stored) == e.Hash;
}
