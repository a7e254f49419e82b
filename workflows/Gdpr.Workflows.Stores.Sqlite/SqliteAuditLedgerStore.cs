using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>
/// The audit ledger in <c>audit_events</c>. An append is one IMMEDIATE transaction (idempotency key,
/// head and insert checked and written under SQLite's write lock, across processes), with the
/// primary key (request_id, seq) and the unique (request_id, idempotency_key) index as the last word.
/// The same transaction anchors the new head (sequence and hash) in the request's row.
/// </summary>
public sealed class SqliteAuditLedgerStore(SqliteStoreDatabase database) : IAuditLedgerStore, IAuditHistoryStore, IAuditAnchorStore
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

    public Task<AuditChainHead?> GetAnchorAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(session =>
        {
            using var reader = session.Command(SqliteSql.AuditAnchor).With("$request_id", requestId).ExecuteReader();
            return reader.Read() && !reader.IsDBNull(0) && !reader.IsDBNull(1)
                ? new AuditChainHead(reader.GetInt64(0), Convert.ToHexStringLower((byte[])reader.GetValue(1)))
                : null;
        }));
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

    public Task<AuditEventPage> QueryBySubjectHashAsync(string subjectHash, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.AuditSubjectHash(subjectHash);
        StoreArguments.PageSize(pageSize, IAuditHistoryStore.MaxPageSize);
        var query = "subject:" + subjectHash;
        var after = Cursor(continuationToken, query);
        return Task.FromResult(database.Read(session => Page(
            After(session.Command(SqliteSql.AuditBySubject).With("$subject_hash", Convert.FromHexString(subjectHash)), after).With("$limit", pageSize + 1),
            pageSize, query)));
    }

    public Task<AuditEventPage> QueryByDaysAsync(DateOnly firstDay, DateOnly lastDay, string? system, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Days(firstDay, lastDay);
        StoreArguments.System(system);
        StoreArguments.PageSize(pageSize, IAuditHistoryStore.MaxPageSize);
        var query = string.Create(CultureInfo.InvariantCulture, $"days:{firstDay:yyyy-MM-dd}:{lastDay:yyyy-MM-dd}:{system}");
        var after = Cursor(continuationToken, query);
        var from = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var to = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        return Task.FromResult(database.Read(session =>
        {
            var command = system is null
                ? session.Command(SqliteSql.AuditByTime)
                : session.Command(SqliteSql.AuditBySystemAndTime).With("$system", system);
            // The index range starts at the cursor's time, not the first day's midnight: deep pages cost what the first does.
            return Page(After(command.With("$from", Math.Max(from, after.Time)).With("$to", to), after).With("$limit", pageSize + 1), pageSize, query);
        }));
    }

    /// <summary>The append itself, inside the caller's write transaction.</summary>
    internal static AuditAppendResult Append(SqliteSession session, AuditEvent e, BatchLedgers? batch = null)
    {
        // Within a bulk transaction, a ledger this batch started is known in full: no need to ask SQLite.
        var known = batch?.Find(e.RequestId);
        if (e.IdempotencyKey is { } key)
        {
            var recorded = known is null
                ? FindByKey(session, e.RequestId, key)
                : known.Keys.Contains(key) ? FindByKey(session, e.RequestId, key) : null;
            if (recorded is not null)
            {
                return AuditAppendResult.DuplicateIdempotencyKey(recorded);
            }
        }

        var next = known is not null
            ? known.Head + 1
            : (session.Command(SqliteSql.AuditHeadSequence).With("$request_id", e.RequestId).ExecuteScalar() is long last ? last : 0) + 1;
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
            session.Command(SqliteSql.AuditAnchorUpdate)
                .With("$request_id", e.RequestId).With("$seq", e.Sequence).With("$hash", Convert.FromHexString(e.Hash))
                .ExecuteNonQuery();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == SqliteErrorCodes.Constraint)
        {
            // Unreachable while every writer goes through this method under the write lock; kept so a
            // foreign writer can never fork the chain or reuse a key.
            return e.IdempotencyKey is { } taken && FindByKey(session, e.RequestId, taken) is { } other
                ? AuditAppendResult.DuplicateIdempotencyKey(other)
                : AuditAppendResult.SequenceConflict;
        }

        if (known is not null)
        {
            known.Head = e.Sequence;
            if (e.IdempotencyKey is { } added)
            {
                known.Keys.Add(added);
            }
        }

        return AuditAppendResult.Appended;
    }

    /// <summary>True when the request has no audit event (one index probe).</summary>
    internal static bool IsEmpty(SqliteSession session, string requestId) =>
        session.Command(SqliteSql.AuditHeadSequence).With("$request_id", requestId).ExecuteScalar() is null;

    private static AuditEvent? FindByKey(SqliteSession session, string requestId, string key) =>
        AuditRows.ReadFirst(session.Command(SqliteSql.AuditByIdempotencyKey).With("$request_id", requestId).With("$idempotency_key", key));

    /// <summary>True when this very event (same hash) holds its sequence already: a retry whose first answer was lost.</summary>
    private static bool StoredAlready(SqliteSession session, AuditEvent e) =>
        session.Command(SqliteSql.AuditHashAt).With("$request_id", e.RequestId).With("$seq", e.Sequence).ExecuteScalar() is byte[] stored
        && Convert.ToHexStringLower(stored) == e.Hash;

    private static (long Time, string RequestId, long Sequence) Cursor(string? token, string query)
    {
        if (token is null)
        {
            return (long.MinValue, string.Empty, 0);
        }

        var position = PageTokens.Read(token, query, 3);
        return long.TryParse(position[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time)
            && long.TryParse(position[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? (time, position[1], sequence)
            : throw new InvalidContinuationTokenException();
    }

    private static SqliteCommand After(SqliteCommand command, (long Time, string RequestId, long Sequence) after) =>
        command.With("$after_time", after.Time).With("$after_id", after.RequestId).With("$after_seq", after.Sequence);

    private static AuditEventPage Page(SqliteCommand command, int pageSize, string query)
    {
        var events = AuditRows.ReadAll(command);
        if (events.Count <= pageSize)
        {
            return new AuditEventPage(events, null);
        }

        events.RemoveAt(events.Count - 1);
        var last = events[^1];
        return new AuditEventPage(events, PageTokens.Write(query,
            last.OccurredAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), last.RequestId, last.Sequence.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The ledgers a bulk transaction created from nothing (their requests were created in it): their head and
    /// keys are known without a query, since nothing else can write while the transaction holds the lock.
    /// </summary>
    internal sealed class BatchLedgers
    {
        private readonly Dictionary<string, Ledger> _ledgers = new(StringComparer.Ordinal);

        public void StartEmpty(string requestId) => _ledgers[requestId] = new Ledger();

        public Ledger? Find(string requestId) => _ledgers.GetValueOrDefault(requestId);

        internal sealed class Ledger
        {
            public long Head { get; set; }

            public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        }
    }
}
