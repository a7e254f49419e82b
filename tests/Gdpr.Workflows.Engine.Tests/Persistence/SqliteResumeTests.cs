using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Engine.Tests.Persistence;

/// <summary>An engine stopped mid-execution and started again on the same SQLite file carries on where it was.</summary>
public sealed class SqliteResumeTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("gdpr-resume-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero));

    private string DatabasePath => Path.Combine(directory, "engine.db");

    [Fact]
    public async Task ResumeAsync_TaskTokenIssuedBeforeRestart_IsAnsweredAfterIt()
    {
        string execution;
        string token;
        using (var store = new SqliteExecutionStore(DatabasePath))
        {
            await using var first = Engine(store);
            var machine = first.CreateStateMachine("callback", """
                {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
                  "Parameters": {"Message": {"token.$": "$$.Task.Token"}}, "End": true}}}
                """);
            execution = await first.StartExecutionAsync(machine, "{}");
            token = await TokenAsync(first, execution);
        }

        using var reopened = new SqliteExecutionStore(DatabasePath);
        await using var second = Engine(reopened);
        await second.ResumeAsync();
        await second.SendTaskSuccessAsync(token, """{"outcome": "erased"}""");

        var result = await second.WaitForCompletionAsync(execution).WaitAsync(TimeSpan.FromSeconds(10));
        result.Status.Should().Be(ExecutionStatus.Succeeded);
        result.Output.Should().Be("""{"outcome":"erased"}""");
        var history = await second.GetExecutionHistoryAsync(execution);
        history.Count(e => e.Type == "TaskScheduled").Should().Be(1, "the task was scheduled once, before the restart");
        history.Select(e => e.Id).Should().Equal(Enumerable.Range(1, history.Count).Select(i => (long)i));
    }

    [Fact]
    public async Task ResumeAsync_WaitStartedBeforeRestart_WaitsOnlyTheRemainder()
    {
        string execution;
        using (var store = new SqliteExecutionStore(DatabasePath))
        {
            await using var first = Engine(store);
            var machine = first.CreateStateMachine("wait", """{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 86400, "End": true}}}""");
            execution = await first.StartExecutionAsync(machine, "{}");
            await UntilAsync(async () => (await first.GetExecutionHistoryAsync(execution)).Any(e => e.Type == "WaitStateEntered"));
        }

        time.Advance(TimeSpan.FromHours(23));
        using var reopened = new SqliteExecutionStore(DatabasePath);
        await using var second = Engine(reopened);
        await second.ResumeAsync();
        await Task.Delay(50);
        (await second.DescribeExecutionAsync(execution)).Status.Should().Be(ExecutionStatus.Running);
        time.Advance(TimeSpan.FromHours(1));

        (await second.WaitForCompletionAsync(execution).WaitAsync(TimeSpan.FromSeconds(10))).Status.Should().Be(ExecutionStatus.Succeeded);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private LocalStepFunctions Engine(SqliteExecutionStore store)
    {
        var engine = new LocalStepFunctions(new LocalEngineOptions { Store = store, TimeProvider = time });
        engine.Options.Integrations.Add(new DelegateTaskIntegration("arn:aws:states:::sns:publish", (_, _) => Task.FromResult<JsonNode?>(new JsonObject { ["MessageId"] = "m" })));
        return engine;
    }

    private static async Task<string> TokenAsync(LocalStepFunctions engine, string execution)
    {
        string? token = null;
        await UntilAsync(async () =>
        {
            var history = await engine.GetExecutionHistoryAsync(execution);
            var scheduled = history.FirstOrDefault(e => e.Type == "TaskSubmitted") is null ? null : history.First(e => e.Type == "TaskScheduled");
            token = scheduled is null ? null : JsonNode.Parse(scheduled.Details!["parameters"]!.GetValue<string>())!["Message"]!["token"]!.GetValue<string>();
            return token is not null;
        });
        return token!;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(5);
        }
    }
}
