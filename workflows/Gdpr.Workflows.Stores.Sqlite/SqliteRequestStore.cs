using System.Globalization;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>
/// Erasure requests in <c>requests</c> (the record as JSON plus index columns) and <c>request_subjects</c>
/// (one row per subject hash). Every write is one IMMEDIATE transaction; every query a keyset page on an index.
/// </summary>
public sealed class SqliteRequestStore(SqliteStoreDatabase database) : IRequestStore
{
    public Task<CreateRequestResult> CreateAsync(ErasureRequest request, CancellationToken cancellationToken = default)
    {
        RequestDocument.CheckNew(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write(session => Create(session, request)));
    }

    /// <summary>Creates many requests in ONE transaction (the bulk path), each checked as <see cref="CreateAsync"/> checks it.</summary>
    public IReadOnlyList<CreateRequestResult> CreateBatch(IReadOnlyList<ErasureRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var request in requests)
        {
            RequestDocument.CheckNew(request);
        }

        return database.Write(session => requests.Select(r => Create(session, r)).ToList());
    }

    public Task<ErasureRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(session => Body(session.Command(SqliteSql.RequestBody).With("$request_id", requestId))));
    }

    public Task<bool> TryReplaceAsync(ErasureRequest updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        RequestDocument.CheckShape(updated);
        if (updated.Version != expectedVersion + 1)
        {
            throw new ArgumentException($"The updated request must have version {expectedVersion + 1}, one above the expected {expectedVersion}.", nameof(updated));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write(session => Replace(session, updated, expectedVersion)));
    }

    public Task<RequestPage> QueryOpenByDeadlineAsync(int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.PageSize(pageSize, IRequestStore.MaxPageSize);
        const string query = "open";
        var after = continuationToken is null ? [string.Empty, string.Empty] : PageTokens.Read(continuationToken, query, 2);
        return Task.FromResult(database.Read(session => Page(
            session.Command(SqliteSql.RequestsOpenByDeadline).With("$after_key", after[0]).With("$after_id", after[1]).With("$limit", pageSize + 1),
            pageSize, query, r => r.GetString(1))));
    }

    public Task<RequestPage> QueryByStatusAsync(RequestStatus status, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.PageSize(pageSize, IRequestStore.MaxPageSize);
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown request status.");
        }

        var query = "status:" + status.Name();
        var (time, id) = TimeCursor(continuationToken, query);
        return Task.FromResult(database.Read(session => Page(
            session.Command(SqliteSql.RequestsByStatus).With("$status", status.Name()).With("$after_time", time).With("$after_id", id).With("$limit", pageSize + 1),
            pageSize, query, r => r.GetInt64(1).ToString(CultureInfo.InvariantCulture))));
    }

    public Task<RequestPage> QueryBySubjectHashAsync(string subjectHash, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.NotBlank(subjectHash, nameof(subjectHash));
        StoreArguments.PageSize(pageSize, IRequestStore.MaxPageSize);
        var query = "subject:" + subjectHash;
        var (time, id) = TimeCursor(continuationToken, query);
        return Task.FromResult(database.Read(session => Page(
            session.Command(SqliteSql.RequestsBySubject).With("$subject_hash", subjectHash).With("$after_time", time).With("$after_id", id).With("$limit", pageSize + 1),
            pageSize, query, r => r.GetInt64(1).ToString(CultureInfo.InvariantCulture))));
    }

    internal static CreateRequestResult Create(SqliteSession session, ErasureRequest request)
    {
        if (Body(session.Command(SqliteSql.RequestByIntakeKey).With("$intake_key", request.IntakeKey)) is { } duplicate)
        {
            return new CreateRequestResult(CreateRequestOutcome.Duplicate, duplicate);
        }

        if (Body(session.Command(SqliteSql.RequestBody).With("$request_id", request.RequestId)) is { } taken)
        {
            return new CreateRequestResult(CreateRequestOutcome.RequestIdTaken, taken);
        }

        Bind(session.Command(SqliteSql.RequestInsert), request).ExecuteNonQuery();
        InsertSubjects(session, request);
        return new CreateRequestResult(CreateRequestOutcome.Created, request);
    }

    private static bool Replace(SqliteSession session, ErasureRequest updated, long expectedVersion)
    {
        long storedReceivedAt;
        using (var reader = session.Command(SqliteSql.RequestVersion).With("$request_id", updated.RequestId).ExecuteReader())
        {
            if (!reader.Read() || reader.GetInt64(0) != expectedVersion)
            {
                return false;
            }

            if (!string.Equals(reader.GetString(1), updated.IntakeKey, StringComparison.Ordinal))
            {
                throw new ArgumentException("The intake key of a stored request never changes.", nameof(updated));
            }

            storedReceivedAt = reader.GetInt64(2);
        }

        Bind(session.Command(SqliteSql.RequestUpdate), updated).With("$expected_version", expectedVersion).ExecuteNonQuery();

        // The subject index follows the record only when what it is keyed on changed.
        var storedHashes = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = session.Command(SqliteSql.RequestSubjectsOf).With("$request_id", updated.RequestId).ExecuteReader())
        {
            while (reader.Read())
            {
                storedHashes.Add(reader.GetString(0));
            }
        }

        if (storedReceivedAt != updated.ReceivedAt.UtcTicks || !storedHashes.SetEquals(updated.SubjectHashes))
        {
            session.Command(SqliteSql.RequestSubjectsDelete).With("$request_id", updated.RequestId).ExecuteNonQuery();
            InsertSubjects(session, updated);
        }

        return true;
    }

    private static void InsertSubjects(SqliteSession session, ErasureRequest request)
    {
        foreach (var hash in request.SubjectHashes.Distinct(StringComparer.Ordinal))
        {
            session.Command(SqliteSql.RequestSubjectInsert)
                .With("$subject_hash", hash)
                .With("$received_at", request.ReceivedAt.UtcTicks)
                .With("$request_id", request.RequestId)
                .ExecuteNonQuery();
        }
    }

    private static SqliteCommand Bind(SqliteCommand command, ErasureRequest request) => command
        .With("$request_id", request.RequestId)
        .With("$version", request.Version)
        .With("$intake_key", request.IntakeKey)
        .With("$status", request.Status.Name())
        .With("$received_at", request.ReceivedAt.UtcTicks)
        .With("$open_queue", request.IsOpen ? "open" : null)
        .With("$due_key", RequestDocument.DueKey(request))
        .With("$body", RequestDocument.Serialize(request));

    private static ErasureRequest? Body(SqliteCommand command) =>
        command.ExecuteScalar() is string json ? RequestDocument.Deserialize(json) : null;

    private static (long Time, string Id) TimeCursor(string? token, string query)
    {
        if (token is null)
        {
            return (long.MinValue, string.Empty);
        }

        var position = PageTokens.Read(token, query, 2);
        return long.TryParse(position[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var time)
            ? (time, position[1])
            : throw new InvalidContinuationTokenException();
    }

    /// <summary>Reads up to pageSize + 1 rows (body, sort key, request id): the extra row only says whether another page follows.</summary>
    private static RequestPage Page(SqliteCommand command, int pageSize, string query, Func<SqliteDataReader, string> sortKey)
    {
        var items = new List<ErasureRequest>(Math.Min(pageSize, 64));
        string? token = null;
        using var reader = command.ExecuteReader();
        string? lastKey = null;
        string? lastId = null;
        while (reader.Read())
        {
            if (items.Count == pageSize)
            {
                token = PageTokens.Write(query, lastKey!, lastId!);
                break;
            }

            items.Add(RequestDocument.Deserialize(reader.GetString(0)));
            lastKey = sortKey(reader);
            lastId = reader.GetString(2);
        }

        return new RequestPage(items, token);
    }
}
