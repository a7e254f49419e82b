using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Local;

/// <summary>Where a webhook delivery stands: pending (to be tried), delivered, dead (given up: officers see it), dropped (the task closed first).</summary>
public sealed record WebhookDelivery(string TaskToken, string System, string State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAt, int? LastStatus);

/// <summary>
/// Push for the local host: each new task of a system with a webhook (<c>webhooks.json</c> in the data directory,
/// <c>{"support-desk": {"url": "http://127.0.0.1:9000/"}}</c>) is POSTed to it, signed with HMAC-SHA256 over
/// "timestamp.body" under the secret <c>webhook-secret-&lt;system&gt;</c> (headers <c>X-Gdpr-Timestamp</c>,
/// <c>X-Gdpr-Signature: v1=&lt;hex&gt;</c>). A delivery not taken (no 2xx) is retried with exponential backoff from
/// <c>GDPR_WEBHOOK_RETRY_SECONDS</c> (default 30) until <c>GDPR_WEBHOOK_GIVE_UP_SECONDS</c> (default 3600) after the
/// first try; then it is dead-lettered, shown to officers in <c>gdpr task list</c>, and the task stays pullable.
/// Deliveries live in tasks.db, so a restart of <c>gdpr serve</c> resumes them.
/// </summary>
public sealed class WebhookDeliveries
{
    private readonly string connectionString;
    private readonly GdprHome home;
    private readonly TimeProvider time;

    public WebhookDeliveries(GdprHome home, TimeProvider time, TimeSpan? retry = null, TimeSpan? giveUp = null)
    {
        this.home = home;
        this.time = time;
        Retry = retry ?? TimeSpan.FromSeconds(30);
        GiveUp = giveUp ?? TimeSpan.FromHours(1);
        connectionString = new SqliteConnectionStringBuilder { DataSource = home.TasksFile, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString();
        Execute("""
            CREATE TABLE IF NOT EXISTS deliveries (
                token TEXT PRIMARY KEY, system TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,
                created_at TEXT NOT NULL, next_at TEXT NOT NULL, last_status INTEGER NULL);
            """, _ => { });
    }

    public TimeSpan Retry { get; }

    public TimeSpan GiveUp { get; }

    /// <summary>The webhooks configured in <c>webhooks.json</c>, by system.</summary>
    public IReadOnlyDictionary<string, Uri> Webhooks()
    {
        var path = Path.Combine(home.Directory, "webhooks.json");
        if (!File.Exists(path))
        {
            return new Dictionary<string, Uri>();
        }

        var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path} must hold an object: {{\"<system>\": {{\"url\": \"http://...\"}}}}.");
        return json.ToDictionary(p => p.Key, p => new Uri(p.Value?["url"]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: '{p.Key}' has no url.")));
    }

    /// <summary>The signing secret of <paramref name="system"/>'s webhook (created on first use, mode 600).</summary>
    public byte[] SecretOf(string system) => SecretFile.ReadOrCreate(Path.Combine(home.Directory, $"webhook-secret-{system}"), 32);

    /// <summary>Queues the first delivery of a task (once per token).</summary>
    public void Enqueue(InboxTask task)
    {
        var now = Text(time.GetUtcNow());
        Execute("INSERT INTO deliveries (token, system, state, attempts, created_at, next_at) VALUES ($token, $system, 'pending', 0, $now, $now) ON CONFLICT (token) DO NOTHING", c =>
        {
            c.Parameters.AddWithValue("$token", task.TaskToken);
            c.Parameters.AddWithValue("$system", task.System);
            c.Parameters.AddWithValue("$now", now);
        });
    }

    /// <summary>The delivery of the task with <paramref name="taskToken"/>, or null.</summary>
    public WebhookDelivery? Find(string taskToken) => Read("WHERE token = $token", c => c.Parameters.AddWithValue("$token", taskToken)).SingleOrDefault();

    /// <summary>Deliveries due now.</summary>
    public IReadOnlyList<WebhookDelivery> Due() => Read("WHERE state = 'pending' AND next_at <= $now", c => c.Parameters.AddWithValue("$now", Text(time.GetUtcNow())));

    /// <summary>Records one try: taken (2xx), or retried later with backoff, or dead once <see cref="GiveUp"/> passed.</summary>
    public void Record(WebhookDelivery delivery, int? status)
    {
        var now = time.GetUtcNow();
        var attempts = delivery.Attempts + 1;
        var state = status is >= 200 and < 300 ? "delivered"
            : now - delivery.CreatedAt >= GiveUp ? "dead"
            : "pending";
        var next = now + TimeSpan.FromTicks(Retry.Ticks * (1L << Math.Min(attempts - 1, 16)));
        Execute("UPDATE deliveries SET state = $state, attempts = $attempts, next_at = $next, last_status = $status WHERE token = $token AND state = 'pending'", c =>
        {
            c.Parameters.AddWithValue("$state", state);
            c.Parameters.AddWithValue("$attempts", attempts);
            c.Parameters.AddWithValue("$next", Text(next));
            c.Parameters.AddWithValue("$status", (object?)status ?? DBNull.Value);
            c.Parameters.AddWithValue("$token", delivery.TaskToken);
        });
    }

    /// <summary>The task can no longer be answered: nothing more is sent for it.</summary>
    public void Drop(string taskToken) =>
        Execute("UPDATE deliveries SET state = 'dropped' WHERE token = $token AND state = 'pending'", c => c.Parameters.AddWithValue("$token", taskToken));

    /// <summary>Signs <paramref name="body"/> for <paramref name="system"/>: the two headers' values.</summary>
    public (string Timestamp, string Signature) Sign(string system, byte[] body)
    {
        var seconds = time.GetUtcNow().ToUnixTimeSeconds();
        var prefix = Encoding.UTF8.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + ".");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data, prefix.Length);
        return (seconds.ToString(CultureInfo.InvariantCulture), "v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(SecretOf(system), data)));
    }

    private static string Text(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private List<WebhookDelivery> Read(string where, Action<SqliteCommand> bind)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT token, system, state, attempts, created_at, next_at, last_status FROM deliveries {where} ORDER BY created_at";
        bind(command);
        using var reader = command.ExecuteReader();
        var list = new List<WebhookDelivery>();
        while (reader.Read())
        {
            list.Add(new WebhookDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), Instant(reader.GetString(4)), Instant(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetInt32(6)));
        }

        return list;
    }

    private void Execute(string sql, Action<SqliteCommand> bind)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        command.ExecuteNonQuery();
    }
}
