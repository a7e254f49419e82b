using Gdpr.Workflows.Erasure.Ports;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>Task tokens in <c>task_tokens</c>, keyed (request_id, purpose); a take is DELETE ... RETURNING, so only one taker gets it.</summary>
public sealed class SqliteTaskTokenStore(SqliteStoreDatabase database) : ITaskTokenStore
{
    public Task PutAsync(TaskTokenRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        StoreArguments.RequestId(record.RequestId, nameof(record));
        StoreArguments.NotBlank(record.Purpose, nameof(record));
        StoreArguments.NotBlank(record.TaskToken, nameof(record));
        ArgumentNullException.ThrowIfNull(record.ExecutionId, nameof(record));
        cancellationToken.ThrowIfCancellationRequested();
        database.Write(session => session.Command(SqliteSql.TokenUpsert)
            .With("$request_id", record.RequestId)
            .With("$purpose", record.Purpose)
            .With("$task_token", record.TaskToken)
            .With("$execution_id", record.ExecutionId)
            .With("$stored_at_ticks", record.StoredAt.UtcTicks)
            .With("$expires_at_ticks", record.ExpiresAt?.UtcTicks)
            .ExecuteNonQuery());
        return Task.CompletedTask;
    }

    public Task<TaskTokenRecord?> GetAsync(string requestId, string purpose, CancellationToken cancellationToken = default)
    {
        CheckKey(requestId, purpose);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(session => ReadOne(session.Command(SqliteSql.TokenGet).With("$request_id", requestId).With("$purpose", purpose))));
    }

    public Task<TaskTokenRecord?> TakeAsync(string requestId, string purpose, CancellationToken cancellationToken = default)
    {
        CheckKey(requestId, purpose);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write(session => ReadOne(session.Command(SqliteSql.TokenTake).With("$request_id", requestId).With("$purpose", purpose))));
    }

    public Task<bool> DeleteIfMatchesAsync(string requestId, string purpose, string taskToken, CancellationToken cancellationToken = default)
    {
        CheckKey(requestId, purpose);
        StoreArguments.NotBlank(taskToken, nameof(taskToken));
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(database.Write(session => session.Command(SqliteSql.TokenDeleteIfMatches)
            .With("$request_id", requestId).With("$purpose", purpose).With("$task_token", taskToken)
            .ExecuteNonQuery() > 0));
    }

    private static void CheckKey(string requestId, string purpose)
    {
        StoreArguments.RequestId(requestId);
        StoreArguments.NotBlank(purpose, nameof(purpose));
    }

    private static TaskTokenRecord? ReadOne(SqliteCommand command)
    {
        using var r = command.ExecuteReader();
        return r.Read()
            ? new TaskTokenRecord(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                new DateTimeOffset(r.GetInt64(4), TimeSpan.Zero), r.IsDBNull(5) ? null : new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero))
            : null;
    }
}
