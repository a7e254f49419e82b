using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Local;

/// <summary>A task an async system was sent and has not answered yet, as the local inbox keeps it.</summary>
public sealed record InboxTask(string TaskToken, string RequestId, string System, int HeartbeatSeconds, int TimeoutSeconds, DateTimeOffset ReceivedAt)
{
    /// <summary>When the task times out if nobody answers (its TimeoutSeconds from receipt).</summary>
    public DateTimeOffset DueAt => ReceivedAt.AddSeconds(TimeoutSeconds);

    public override string ToString() => $"InboxTask {{ RequestId = {RequestId}, System = {System}, TaskToken = <redacted> }}";
}

/// <summary>
/// The local stand-in for the async systems' queues: every erasure task published on the tasks topic is kept (in
/// <c>tasks.db</c>) until it is answered, so <c>gdpr task list</c> can show what waits and <c>gdpr task succeed</c> can
/// answer it from any later process. A task re-sent after a restart (same token) is kept once.
/// </summary>
public sealed class TaskInbox : IDisposable
{
    private readonly string connectionString;
    private readonly TimeProvider time;

    public TaskInbox(string path, TimeProvider time)
    {
        this.time = time;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS tasks (
                token TEXT PRIMARY KEY,
                request_id TEXT NOT NULL,
                system TEXT NOT NULL,
                heartbeat_seconds INTEGER NOT NULL,
                timeout_seconds INTEGER NOT NULL,
                received_at TEXT NOT NULL,
                answered_at TEXT NULL,
                answer TEXT NULL);
            CREATE INDEX IF NOT EXISTS tasks_open ON tasks (answered_at, system, received_at);
            """);
    }

    /// <summary>Keeps a task; false when it was kept before (a re-sent task).</summary>
    public bool Add(InboxTask task)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tasks (token, request_id, system, heartbeat_seconds, timeout_seconds, received_at)
            VALUES ($token, $request, $system, $heartbeat, $timeout, $received)
            ON CONFLICT (token) DO NOTHING
            """;
        command.Parameters.AddWithValue("$token", task.TaskToken);
        command.Parameters.AddWithValue("$request", task.RequestId);
        command.Parameters.AddWithValue("$system", task.System);
        command.Parameters.AddWithValue("$heartbeat", task.HeartbeatSeconds);
        command.Parameters.AddWithValue("$timeout", task.TimeoutSeconds);
        command.Parameters.AddWithValue("$received", Text(task.ReceivedAt));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Reads an erasure task message of the tasks topic; null when it is not one.</summary>
    public InboxTask? Parse(string message)
    {
        try
        {
            var json = JsonNode.Parse(message) as JsonObject;
            return json?["kind"]?.GetValue<string>() == "ErasureTask"
                ? new InboxTask(
                    json["taskToken"]!.GetValue<string>(),
                    json["requestId"]!.GetValue<string>(),
                    json["system"]!.GetValue<string>(),
                    json["heartbeatSeconds"]!.GetValue<int>(),
                    json["timeoutSeconds"]!.GetValue<int>(),
                    time.GetUtcNow())
                : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException)
        {
            return null;
        }
    }

    /// <summary>The tasks not answered yet, oldest first; only <paramref name="system"/>'s when given.</summary>
    public IReadOnlyList<InboxTask> Open(string? system = null, string? requestId = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT token, request_id, system, heartbeat_seconds, timeout_seconds, received_at FROM tasks
            WHERE answered_at IS NULL AND ($system IS NULL OR system = $system) AND ($request IS NULL OR request_id = $request)
            ORDER BY received_at, token
            """;
        command.Parameters.AddWithValue("$system", (object?)system ?? DBNull.Value);
        command.Parameters.AddWithValue("$request", (object?)requestId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var tasks = new List<InboxTask>();
        while (reader.Read())
        {
            tasks.Add(new InboxTask(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return tasks;
    }

    /// <summary>The task sent with <paramref name="taskToken"/>, answered or not; null when no task was sent with it.</summary>
    public InboxTask? Find(string taskToken)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT token, request_id, system, heartbeat_seconds, timeout_seconds, received_at FROM tasks WHERE token = $token";
        command.Parameters.AddWithValue("$token", taskToken);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new InboxTask(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4),
                DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
            : null;
    }

    /// <summary>Marks the task answered (<paramref name="answer"/>: "succeeded", "failed"); later answers keep the first.</summary>
    public void MarkAnswered(string taskToken, string answer)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE tasks SET answered_at = $at, answer = $answer WHERE token = $token AND answered_at IS NULL";
        command.Parameters.AddWithValue("$at", Text(time.GetUtcNow()));
        command.Parameters.AddWithValue("$answer", answer);
        command.Parameters.AddWithValue("$token", taskToken);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        // Connections are opened per call (no pooling), so nothing stays open.
    }

    private static string Text(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }
}
