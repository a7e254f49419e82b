// Runs the reference workflow on the durable SQLite store: "start N" creates N executions, any mode
// resumes what is running and waits for all to end. A crash test kills this process at random moments.
// Each task effect is written to effects.db keyed by the engine's idempotency key; attempts are counted apart.
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Persistence;
using Microsoft.Data.Sqlite;

var directory = args[0];
var mode = args[1];
var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0;

using var effects = new SqliteConnection($"Data Source={Path.Combine(directory, "effects.db")};Pooling=false");
effects.Open();
using (var init = effects.CreateCommand())
{
    init.CommandText = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS effects (key TEXT PRIMARY KEY, item TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS attempts (key TEXT NOT NULL);
        """;
    init.ExecuteNonQuery();
}

using var store = new SqliteExecutionStore(Path.Combine(directory, "engine.db"));
var options = new LocalEngineOptions { Store = store };
var effectLock = new Lock();
options.Integrations.Add(new DelegateTaskIntegration("arn:aws:lambda:us-east-1:123456789012:function:erase", async (invocation, ct) =>
{
    await Task.Delay(Random.Shared.Next(20, 60), ct);
    lock (effectLock)
    {
        using var cmd = effects.CreateCommand();
        cmd.CommandText = "INSERT INTO attempts (key) VALUES ($key); INSERT INTO effects (key, item) VALUES ($key, $item) ON CONFLICT (key) DO NOTHING;";
        cmd.Parameters.AddWithValue("$key", invocation.IdempotencyKey);
        cmd.Parameters.AddWithValue("$item", invocation.Parameters?.ToJsonString() ?? "null");
        cmd.ExecuteNonQuery();
    }

    return new JsonObject { ["erased"] = invocation.Parameters?.DeepClone() };
}));

await using var engine = new LocalStepFunctions(options);
await engine.ResumeAsync();

// The test times its kill from this line, so process start-up does not decide whether a kill lands mid-run.
Console.WriteLine("ready");
if (mode == "start")
{
    var definition = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "crash-workflow.asl.json"));
    var machine = engine.CreateStateMachine("crash", definition);
    for (var i = 0; i < count; i++)
    {
        try
        {
            await engine.StartExecutionAsync(machine, $$"""{"request": "r-{{i}}", "systems": ["crm", "orders", "marketing", "support", "billing"]}""", $"exec-{i}");
        }
        catch (Gdpr.Workflows.Engine.Execution.StepFunctionsApiException ex) when (ex.Code == "ExecutionAlreadyExists")
        {
            // Started (and finished) before an earlier kill: starting is idempotent by name.
        }
    }
}

foreach (var execution in await store.ListExecutionsAsync(null, Gdpr.Workflows.Engine.Execution.ExecutionStatus.Running))
{
    await engine.WaitForCompletionAsync(execution.ExecutionArn);
}

Console.WriteLine("done");
