using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Engine.Persistence;

/// <summary>
/// The durable default: one SQLite file in WAL mode. Each <see cref="CommitAsync"/> is one transaction, so a
/// process killed at any moment leaves either the whole transition or none of it. Other processes may read
/// the file while this one writes.
/// </summary>
public sealed class SqliteExecutionStore : IExecutionStore, IDisposable
{
    private static readonly JsonSerializerOptions CheckpointJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private readonly SqliteConnection connection;
    private readonly Lock gate = new();
    private SqliteCommand? insertHistory;
    private SqliteCommand? upsertCheckpoint;
    private SqliteCommand? deleteCheckpoint;

    public SqliteExecutionStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute("""
            PRAGMA auto_vacuum = INCREMENTAL;
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = 10000;
            PRAGMA foreign_keys = ON;
            CREATE TABLE IF NOT EXISTS state_machines (
                arn TEXT PRIMARY KEY, name TEXT NOT NULL, definition TEXT NOT NULL, type TEXT NOT NULL, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS executions (
                arn TEXT PRIMARY KEY, state_machine_arn TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
                input TEXT NOT NULL, output TEXT, error TEXT, cause TEXT, start_date TEXT NOT NULL, stop_date TEXT,
                redrive_count INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (state_machine_arn, status, start_date);
            CREATE INDEX IF NOT EXISTS executions_by_status ON executions (status);
            CREATE INDEX IF NOT EXISTS executions_by_stop ON executions (stop_date) WHERE stop_date IS NOT NULL;
            CREATE TABLE IF NOT EXISTS history (
                execution_arn TEXT NOT NULL REFERENCES executions (arn), id INTEGER NOT NULL, previous_id INTEGER NOT NULL,
                timestamp TEXT NOT NULL, type TEXT NOT NULL, details_name TEXT, details TEXT,
                PRIMARY KEY (execution_arn, id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS checkpoints (
                execution_arn TEXT NOT NULL REFERENCES executions (arn), frame TEXT NOT NULL, body TEXT NOT NULL,
                PRIMARY KEY (execution_arn, frame)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS task_tokens (
                token TEXT PRIMARY KEY, execution_arn TEXT NOT NULL REFERENCES executions (arn), frame TEXT NOT NULL, outcome TEXT);
            """);
        Migrate();
    }

    private void Migrate()
    {
        using var columns = Command("SELECT COUNT(*) FROM pragma_table_info('executions') WHERE name = 'redrive_count'");
        if (Convert.ToInt64(columns.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            Execute("ALTER TABLE executions ADD COLUMN redrive_count INTEGER NOT NULL DEFAULT 0");
        }
    }

    public Task SaveStateMachineAsync(StateMachineRecord stateMachine, CancellationToken ct = default)
    {
        lock (gate)
        {
            using var cmd = Command("""
                INSERT INTO state_machines (arn, name, definition, type, created) VALUES ($arn, $name, $definition, $type, $created)
                ON CONFLICT (arn) DO UPDATE SET definition = excluded.definition, type = excluded.type
                """);
            cmd.Parameters.AddWithValue("$arn", stateMachine.Arn);
            cmd.Parameters.AddWithValue("$name", stateMachine.Name);
            cmd.Parameters.AddWithValue("$definition", stateMachine.Definition);
            cmd.Parameters.AddWithValue("$type", stateMachine.Type.ToString());
            cmd.Parameters.AddWithValue("$created", Time(stateMachine.CreationDate));
            cmd.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StateMachineRecord>> ListStateMachinesAsync(CancellationToken ct = default)
    {
        lock (gate)
        {
            using var cmd = Command("SELECT arn, name, definition, type, created FROM state_machines");
            using var reader = cmd.ExecuteReader();
            var result = new List<StateMachineRecord>();
            while (reader.Read())
            {
                result.Add(new StateMachineRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), Enum.Parse<StateMachineType>(reader.GetString(3)), ParseTime(reader.GetString(4))));
            }

            return Task.FromResult<IReadOnlyList<StateMachineRecord>>(result);
        }
    }

    public Task<bool> TryCreateExecutionAsync(ExecutionRecord execution, ExecutionCommit first, CancellationToken ct = default)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            using (var cmd = Command("""
                INSERT INTO executions (arn, state_machine_arn, name, status, input, start_date) VALUES ($arn, $sm, $name, $status, $input, $start)
                ON CONFLICT (arn) DO NOTHING
                """, tx))
            {
                cmd.Parameters.AddWithValue("$arn", execution.ExecutionArn);
                cmd.Parameters.AddWithValue("$sm", execution.StateMachineArn);
                cmd.Parameters.AddWithValue("$name", execution.Name);
                cmd.Parameters.AddWithValue("$status", execution.Status.ToString());
                cmd.Parameters.AddWithValue("$input", execution.Input);
                cmd.Parameters.AddWithValue("$start", Time(execution.StartDate));
                if (cmd.ExecuteNonQuery() == 0)
                {
                    return Task.FromResult(false);
                }
            }

            Apply(execution.ExecutionArn, first, tx);
            tx.Commit();
            return Task.FromResult(true);
        }
    }

    public Task<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken ct = default)
    {
        lock (gate)
        {
            using var cmd = Command($"{SelectExecution} WHERE arn = $arn");
            cmd.Parameters.AddWithValue("$arn", executionArn);
            using var reader = cmd.ExecuteReader();
            return Task.FromResult(reader.Read() ? ReadExecution(reader) : null);
        }
    }

    public Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, ExecutionStatus? status, CancellationToken ct = default)
    {
        lock (gate)
        {
            using var cmd = Command($"{SelectExecution} WHERE ($sm IS NULL OR state_machine_arn = $sm) AND ($status IS NULL OR status = $status) ORDER BY start_date DESC");
            cmd.Parameters.AddWithValue("$sm", (object?)stateMachineArn ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$status", (object?)status?.ToString() ?? DBNull.Value);
            using var reader = cmd.ExecuteReader();
            var result = new List<ExecutionRecord>();
            while (reader.Read())
            {
                result.Add(ReadExecution(reader));
            }

            return Task.FromResult<IReadOnlyList<ExecutionRecord>>(result);
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionArn, CancellationToken ct = default)
    {
        lock (gate)
        {
            using var cmd = Command("SELECT id, previous_id, timestamp, type, details_name, details FROM history WHERE execution_arn = $arn ORDER BY id");
            cmd.Parameters.AddWithValue("$arn", executionArn);
            using var reader = cmd.ExecuteReader();
            var result = new List<HistoryEvent>();
            while (reader.Read())
            {
                result.Add(new HistoryEvent(
                    reader.GetInt64(0),
                    reader.GetInt64(1),
                    ParseTime(reader.GetString(2)),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5)));
            }

            return Task.FromResult<IReadOnlyList<HistoryEvent>>(result);
        }
    }

    public Task<IReadOnlyDictionary<string, FrameCheckpoint>> GetCheckpointsAsync(string executionArn, CancellationToken ct = default)
    {
        lock (gate)
        {
            using var cmd = Command("SELECT frame, body FROM checkpoints WHERE execution_arn = $arn");
            cmd.Parameters.AddWithValue("$arn", executionArn);
            using var reader = cmd.ExecuteReader();
            var result = new Dictionary<string, FrameCheckpoint>(StringComparer.Ordinal);
            while (reader.Read())
            {
                result[reader.GetString(0)] = JsonSerializer.Deserialize<FrameCheckpoint>(reader.GetString(1), CheckpointJson)!;
            }

            return Task.FromResult<IReadOnlyDictionary<string, FrameCheckpoint>>(result);
        }
    }

    public Task CommitAsync(string executionArn, ExecutionCommit commit, CancellationToken ct = default)
    {
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            Apply(executionArn, commit, tx);
            tx.Commit();
        }

        return Task.CompletedTask;
    }

    public Task<TaskTokenRecord?> GetTaskTokenAsync(string taskToken, CancellationToken ct = default)
    {
        lock (gate)
        {
            using var cmd = Command("SELECT token, execution_arn, frame, outcome FROM task_tokens WHERE token = $token");
            cmd.Parameters.AddWithValue("$token", taskToken);
            using var reader = cmd.ExecuteReader();
            return Task.FromResult(reader.Read()
                ? new TaskTokenRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : JsonNode.Parse(reader.GetString(3)) as JsonObject)
                : null);
        }
    }

    public Task<bool> TryCompleteTaskTokenAsync(string taskToken, JsonObject outcome, CancellationToken ct = default)
    {
        lock (gate)
        {
            using var cmd = Command("UPDATE task_tokens SET outcome = $outcome WHERE token = $token AND outcome IS NULL");
            cmd.Parameters.AddWithValue("$token", taskToken);
            cmd.Parameters.AddWithValue("$outcome", outcome.ToJsonString());
            return Task.FromResult(cmd.ExecuteNonQuery() == 1);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            insertHistory?.Dispose();
            upsertCheckpoint?.Dispose();
            deleteCheckpoint?.Dispose();
            connection.Dispose();
        }
    }

    private const string SelectExecution = "SELECT arn, state_machine_arn, name, status, input, output, error, cause, start_date, stop_date, redrive_count FROM executions";

    private static ExecutionRecord ReadExecution(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        Enum.Parse<ExecutionStatus>(r.GetString(3)),
        r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6),
        r.IsDBNull(7) ? null : r.GetString(7),
        ParseTime(r.GetString(8)),
        r.IsDBNull(9) ? null : ParseTime(r.GetString(9)),
        r.GetInt32(10));

    private void Apply(string executionArn, ExecutionCommit commit, SqliteTransaction tx)
    {
        if (commit.Events.Count > 0)
        {
            var cmd = Prepared(ref insertHistory, "INSERT INTO history (execution_arn, id, previous_id, timestamp, type, details_name, details) VALUES ($arn, $id, $prev, $ts, $type, $dn, $details)", tx);
            cmd.Parameters["$arn"].Value = executionArn;
            foreach (var e in commit.Events)
            {
                cmd.Parameters["$id"].Value = e.Id;
                cmd.Parameters["$prev"].Value = e.PreviousEventId;
                cmd.Parameters["$ts"].Value = Time(e.Timestamp);
                cmd.Parameters["$type"].Value = e.Type;
                cmd.Parameters["$dn"].Value = (object?)e.DetailsName ?? DBNull.Value;
                cmd.Parameters["$details"].Value = (object?)e.DetailsJson ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }
        }

        foreach (var (frame, checkpoint) in commit.Checkpoints)
        {
            var cmd = checkpoint is null
                ? Prepared(ref deleteCheckpoint, "DELETE FROM checkpoints WHERE execution_arn = $arn AND frame = $frame", tx)
                : Prepared(ref upsertCheckpoint, "INSERT INTO checkpoints (execution_arn, frame, body) VALUES ($arn, $frame, $body) ON CONFLICT (execution_arn, frame) DO UPDATE SET body = excluded.body", tx);
            cmd.Parameters["$arn"].Value = executionArn;
            cmd.Parameters["$frame"].Value = frame;
            if (checkpoint is not null)
            {
                cmd.Parameters["$body"].Value = JsonSerializer.Serialize(checkpoint, CheckpointJson);
            }

            cmd.ExecuteNonQuery();
        }

        foreach (var token in commit.NewTokens)
        {
            using var cmd = Command("INSERT INTO task_tokens (token, execution_arn, frame) VALUES ($token, $arn, $frame) ON CONFLICT (token) DO NOTHING", tx);
            cmd.Parameters.AddWithValue("$token", token.Token);
            cmd.Parameters.AddWithValue("$arn", executionArn);
            cmd.Parameters.AddWithValue("$frame", token.FrameId);
            cmd.ExecuteNonQuery();
        }

        if (commit.End is { } end)
        {
            using var cmd = Command("UPDATE executions SET status = $status, output = $output, error = $error, cause = $cause, stop_date = $stop, redrive_count = $redrives WHERE arn = $arn", tx);
            cmd.Parameters.AddWithValue("$redrives", end.RedriveCount);
            cmd.Parameters.AddWithValue("$arn", executionArn);
            cmd.Parameters.AddWithValue("$status", end.Status.ToString());
            cmd.Parameters.AddWithValue("$output", (object?)end.Output ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$error", (object?)end.Error ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$cause", (object?)end.Cause ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$stop", end.StopDate is { } stop ? Time(stop) : DBNull.Value);
            cmd.ExecuteNonQuery();

            if (end.Status != ExecutionStatus.Running)
            {
                // An ended execution's unanswered tokens can no longer be answered; a successful one resumes
                // nothing, so its checkpoints go (a failed one keeps them for a redrive).
                var sql = "UPDATE task_tokens SET outcome = '{\"closed\":true}' WHERE execution_arn = $arn AND outcome IS NULL;"
                    + (end.Status == ExecutionStatus.Succeeded ? " DELETE FROM checkpoints WHERE execution_arn = $arn;" : string.Empty);
                using var clear = Command(sql, tx);
                clear.Parameters.AddWithValue("$arn", executionArn);
                clear.ExecuteNonQuery();
            }
        }
    }

    public Task<int> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (gate)
        {
            using var tx = connection.BeginTransaction();
            using var select = Command("SELECT arn FROM executions WHERE stop_date IS NOT NULL AND stop_date < $before AND status <> $running ORDER BY stop_date LIMIT $limit", tx);
            select.Parameters.AddWithValue("$before", Time(endedBefore));
            select.Parameters.AddWithValue("$running", ExecutionStatus.Running.ToString());
            select.Parameters.AddWithValue("$limit", limit);
            var arns = new List<string>();
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    arns.Add(reader.GetString(0));
                }
            }

            using var delete = Command(
                """
                DELETE FROM task_tokens WHERE execution_arn = $arn;
                DELETE FROM checkpoints WHERE execution_arn = $arn;
                DELETE FROM history WHERE execution_arn = $arn;
                DELETE FROM executions WHERE arn = $arn;
                """, tx);
            var arn = delete.Parameters.Add("$arn", SqliteType.Text);
            foreach (var expired in arns)
            {
                arn.Value = expired;
                delete.ExecuteNonQuery();
            }

            tx.Commit();
            if (arns.Count > 0)
            {
                // Gives the freed pages back to the file system (a file created before auto_vacuum was set reuses them instead).
                Execute("PRAGMA incremental_vacuum");
            }

            return Task.FromResult(arns.Count);
        }
    }

    private void Execute(string sql)
    {
        using var cmd = Command(sql);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// The statements every transition runs, compiled once and kept (a new command would parse and plan its SQL again
    /// each time); their parameters are the SQL's <c>$names</c>. Used under <see cref="gate"/> only.
    /// </summary>
    private SqliteCommand Prepared(ref SqliteCommand? cached, string sql, SqliteTransaction tx)
    {
        if (cached is null)
        {
            cached = Command(sql, tx);
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-z]+").Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                cached.Parameters.Add(new SqliteParameter { ParameterName = name });
            }
        }

        cached.Transaction = tx;
        return cached;
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
