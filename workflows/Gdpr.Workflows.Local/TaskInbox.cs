using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Services;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Local;

/// <summary>Why a task left the inbox; <see cref="Open"/> while it can still be answered.</summary>
public enum InboxTaskState
{
    /// <summary>Waiting for the system's answer.</summary>
    Open,

    /// <summary>The system answered (succeeded or failed), through any path.</summary>
    Answered,

    /// <summary>Its timeout, or its heartbeat interval, passed without an answer.</summary>
    TimedOut,

    /// <summary>The request was withdrawn (its workflow was stopped).</summary>
    Cancelled,

    /// <summary>A newer task for the same request and system replaced it (a retry or a reopened request).</summary>
    Superseded,

    /// <summary>The request ended otherwise (rejected, failed, completed without this answer).</summary>
    RequestClosed,
}

/// <summary>Wire names of <see cref="InboxTaskState"/>.</summary>
public static class InboxTaskStates
{
    public static string WireName(this InboxTaskState state) => state switch
    {
        InboxTaskState.Open => "open",
        InboxTaskState.Answered => "answered",
        InboxTaskState.TimedOut => "timed_out",
        InboxTaskState.Cancelled => "cancelled",
        InboxTaskState.Superseded => "superseded",
        InboxTaskState.RequestClosed => "request_closed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown task state."),
    };

    public static InboxTaskState Parse(string? text) => text switch
    {
        null or "open" => InboxTaskState.Open,
        "answered" => InboxTaskState.Answered,
        "timed_out" => InboxTaskState.TimedOut,
        "cancelled" => InboxTaskState.Cancelled,
        "superseded" => InboxTaskState.Superseded,
        _ => InboxTaskState.RequestClosed,
    };
}

/// <summary>A task an async system was sent, as the local inbox keeps it.</summary>
public sealed record InboxTask(string TaskToken, string RequestId, string System, int HeartbeatSeconds, int TimeoutSeconds, DateTimeOffset ReceivedAt)
{
    /// <summary>The request's legal deadline, as the task message carried it.</summary>
    public DateOnly? ExpectedBy { get; init; }

    /// <summary>When the message said to answer by; else receipt plus the timeout.</summary>
    public DateTimeOffset? RespondBy { get; init; }

    /// <summary>The task as the system receives it (erasure-task contract v1).</summary>
    public ErasureTaskMessage Message => new(RequestId, System, TaskToken, HeartbeatSeconds, TimeoutSeconds, ExpectedBy, RespondBy ?? DueAt);

    /// <summary>When the task times out if nobody answers (its TimeoutSeconds from receipt).</summary>
    public DateTimeOffset DueAt => ReceivedAt.AddSeconds(TimeoutSeconds);

    /// <summary>The task's id: stable for its token, safe to log and to key answers by (the token is the secret).</summary>
    public string TaskId => ErasureTaskMessage.IdOf(TaskToken);

    /// <summary>Where it stands; <see cref="InboxTaskState.Open"/> while it can still be answered.</summary>
    public InboxTaskState State { get; init; }

    /// <summary>"succeeded" or "failed" once answered.</summary>
    public string? Answer { get; init; }

    /// <summary>The SHA-256 of what the answer sent (its output, or its error name): the same answer again is a duplicate.</summary>
    public string? AnswerDigest { get; init; }

    /// <summary>When it left the inbox (answered, found timed out, cancelled...).</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The last heartbeat the system sent, if any.</summary>
    public DateTimeOffset? LastHeartbeatAt { get; init; }

    /// <summary>When the heartbeat clock runs out (last heartbeat or receipt plus HeartbeatSeconds); null without heartbeats.</summary>
    public DateTimeOffset? HeartbeatDueAt => HeartbeatSeconds > 0 ? (LastHeartbeatAt ?? ReceivedAt).AddSeconds(HeartbeatSeconds) : null;

    /// <summary>True when, at <paramref name="now"/>, the timeout or the heartbeat interval has passed.</summary>
    public bool HasTimedOutAt(DateTimeOffset now) => SystemTaskStanding.HasTimedOut(ReceivedAt, TimeoutSeconds, HeartbeatSeconds, LastHeartbeatAt, now);

    public override string ToString() => $"InboxTask {{ RequestId = {RequestId}, System = {System}, State = {State}, TaskToken = <redacted> }}";
}

/// <summary>
/// The local stand-in for the async systems' queues: every erasure task published on the tasks topic is kept (in
/// <c>tasks.db</c>), with where it stands, so <c>gdpr task list</c> shows what can still be answered and why the
/// rest left. A task re-sent after a restart (same token) is kept once.
/// </summary>
public sealed class TaskInbox : IDisposable
{
    private const string Columns = "t.token, t.request_id, t.system, t.heartbeat_seconds, t.timeout_seconds, t.received_at, t.state, t.answer, t.closed_at, t.last_beat_at, t.expected_by, t.respond_by, "
        + "t.answer_digest, EXISTS (SELECT 1 FROM tasks n WHERE n.request_id = t.request_id AND n.system = t.system AND n.rowid > t.rowid)";

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
            CREATE INDEX IF NOT EXISTS tasks_request ON tasks (request_id, system);
            """);

        // Data directories made before tasks had states get the columns; their answered tasks count as answered.
        var existing = new HashSet<string>(StringComparer.Ordinal);
        using (var info = connection.CreateCommand())
        {
            info.CommandText = "PRAGMA table_info(tasks)";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                existing.Add(reader.GetString(1));
            }
        }

        foreach (var (column, type) in new[] { ("state", "TEXT NULL"), ("closed_at", "TEXT NULL"), ("last_beat_at", "TEXT NULL"), ("expected_by", "TEXT NULL"), ("respond_by", "TEXT NULL"), ("answer_digest", "TEXT NULL") })
        {
            if (!existing.Contains(column))
            {
                Execute(connection, $"ALTER TABLE tasks ADD COLUMN {column} {type}");
            }
        }

        Execute(connection, "UPDATE tasks SET state = 'answered', closed_at = answered_at WHERE answered_at IS NOT NULL AND state IS NULL");
    }

    /// <summary>Raised after a new task was kept by this process (long polls wake on it).</summary>
    public event Action<InboxTask>? Added;

    /// <summary>Keeps a task; false when it was kept before (a re-sent task).</summary>
    public bool Add(InboxTask task)
    {
        if (!Insert(task))
        {
            return false;
        }

        Added?.Invoke(task);
        return true;
    }

    private bool Insert(InboxTask task)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tasks (token, request_id, system, heartbeat_seconds, timeout_seconds, received_at, expected_by, respond_by)
            VALUES ($token, $request, $system, $heartbeat, $timeout, $received, $expected, $respond)
            ON CONFLICT (token) DO NOTHING
            """;
        command.Parameters.AddWithValue("$token", task.TaskToken);
        command.Parameters.AddWithValue("$request", task.RequestId);
        command.Parameters.AddWithValue("$system", task.System);
        command.Parameters.AddWithValue("$heartbeat", task.HeartbeatSeconds);
        command.Parameters.AddWithValue("$timeout", task.TimeoutSeconds);
        command.Parameters.AddWithValue("$received", Text(task.ReceivedAt));
        command.Parameters.AddWithValue("$expected", task.ExpectedBy is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : DBNull.Value);
        command.Parameters.AddWithValue("$respond", task.RespondBy is { } by ? Text(by) : DBNull.Value);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Reads an erasure task message of the tasks topic; null when it is not one.</summary>
    public InboxTask? Parse(string message)
    {
        try
        {
            var json = JsonNode.Parse(message) as JsonObject;
            if (json?["kind"]?.GetValue<string>() != ErasureTaskMessage.Kind)
            {
                return null;
            }

            var task = ErasureTaskMessage.Parse(json);
            return new InboxTask(task.TaskToken, task.RequestId, task.System, task.HeartbeatSeconds, task.TimeoutSeconds, time.GetUtcNow())
            {
                ExpectedBy = task.ExpectedBy,
                RespondBy = task.RespondBy,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or Erasure.Errors.InvalidInputException)
        {
            return null;
        }
    }

    /// <summary>
    /// The tasks that can still be answered, oldest first; only <paramref name="system"/>'s (or the request's) when
    /// given. Tasks whose clock ran out are closed as timed out on the way.
    /// </summary>
    public IReadOnlyList<InboxTask> Open(string? system = null, string? requestId = null) =>
        [.. List(system, requestId, includeClosed: false)];

    /// <summary>
    /// Every task, with its state (<paramref name="includeClosed"/>), or only those that can still be answered.
    /// A task whose timeout or heartbeat interval has passed is recorded as timed out first.
    /// </summary>
    public IReadOnlyList<InboxTask> List(string? system, string? requestId, bool includeClosed)
    {
        var now = time.GetUtcNow();
        var tasks = Read(
            "WHERE ($system IS NULL OR t.system = $system) AND ($request IS NULL OR t.request_id = $request)" + (includeClosed ? string.Empty : " AND t.state IS NULL"),
            command =>
            {
                command.Parameters.AddWithValue("$system", (object?)system ?? DBNull.Value);
                command.Parameters.AddWithValue("$request", (object?)requestId ?? DBNull.Value);
            });
        var result = new List<InboxTask>(tasks.Count);
        foreach (var task in tasks)
        {
            var current = task;
            if (task.State == InboxTaskState.Open && task.HasTimedOutAt(now) && Close(task.TaskToken, InboxTaskState.TimedOut))
            {
                current = task with { State = InboxTaskState.TimedOut, ClosedAt = now };
            }

            if (includeClosed || current.State == InboxTaskState.Open)
            {
                result.Add(current);
            }
        }

        return result;
    }

    /// <summary>The task sent with <paramref name="taskToken"/>, whatever its state; null when no task was sent with it.</summary>
    public InboxTask? Find(string taskToken) =>
        Read("WHERE t.token = $token", command => command.Parameters.AddWithValue("$token", taskToken)).SingleOrDefault();

    /// <summary>The task with the id <paramref name="taskId"/> (the SHA-256 of its token), whatever its state; null when none.</summary>
    public InboxTask? FindById(string taskId) =>
        Read(string.Empty, _ => { }).FirstOrDefault(t => t.TaskId == taskId);

    /// <summary>
    /// Marks the task answered (<paramref name="answer"/>: "succeeded", "failed"; <paramref name="digest"/>: see
    /// <see cref="InboxTask.AnswerDigest"/>); a task already closed keeps its first state.
    /// </summary>
    public void MarkAnswered(string taskToken, string answer, string? digest = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE tasks SET state = 'answered', answered_at = $at, closed_at = $at, answer = $answer, answer_digest = $digest WHERE token = $token AND state IS NULL";
        command.Parameters.AddWithValue("$digest", (object?)digest ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", Text(time.GetUtcNow()));
        command.Parameters.AddWithValue("$answer", answer);
        command.Parameters.AddWithValue("$token", taskToken);
        command.ExecuteNonQuery();
    }

    /// <summary>Records that the task left the inbox for <paramref name="state"/>; false when it had left already.</summary>
    public bool Close(string taskToken, InboxTaskState state)
    {
        if (state == InboxTaskState.Open)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Closing needs a reason.");
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE tasks SET state = $state, closed_at = $at WHERE token = $token AND state IS NULL";
        command.Parameters.AddWithValue("$state", state.WireName());
        command.Parameters.AddWithValue("$at", Text(time.GetUtcNow()));
        command.Parameters.AddWithValue("$token", taskToken);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Records a heartbeat: the task's heartbeat clock restarts.</summary>
    public void RecordHeartbeat(string taskToken)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE tasks SET last_beat_at = $at WHERE token = $token AND state IS NULL";
        command.Parameters.AddWithValue("$at", Text(time.GetUtcNow()));
        command.Parameters.AddWithValue("$token", taskToken);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        // Connections are opened per call (no pooling), so nothing stays open.
    }

    private static string Text(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<InboxTask> Read(string where, Action<SqliteCommand> bind)
    {
        var tasks = new List<InboxTask>();
        var superseded = new List<string>();
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {Columns} FROM tasks t {where} ORDER BY t.received_at, t.rowid";
            bind(command);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var state = reader.IsDBNull(6) ? InboxTaskState.Open : InboxTaskStates.Parse(reader.GetString(6));
                var task = new InboxTask(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), Instant(reader.GetString(5)))
                {
                    State = state,
                    Answer = reader.IsDBNull(7) ? null : reader.GetString(7),
                    ClosedAt = reader.IsDBNull(8) ? null : Instant(reader.GetString(8)),
                    LastHeartbeatAt = reader.IsDBNull(9) ? null : Instant(reader.GetString(9)),
                    ExpectedBy = reader.IsDBNull(10) ? null : DateOnly.ParseExact(reader.GetString(10), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    RespondBy = reader.IsDBNull(11) ? null : Instant(reader.GetString(11)),
                    AnswerDigest = reader.IsDBNull(12) ? null : reader.GetString(12),
                };
                if (state == InboxTaskState.Open && reader.GetBoolean(13))
                {
                    superseded.Add(task.TaskToken);
                    task = task with { State = InboxTaskState.Superseded, ClosedAt = time.GetUtcNow() };
                }

                tasks.Add(task);
            }
        }

        // A newer task for the same request and system (a retry, a reopened request) replaces the older one for good.
        foreach (var token in superseded)
        {
            Close(token, InboxTaskState.Superseded);
        }

        return tasks;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }
}
