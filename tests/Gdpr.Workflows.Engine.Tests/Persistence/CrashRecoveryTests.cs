using System.Diagnostics;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Gdpr.Workflows.Engine.Tests.Persistence;

/// <summary>
/// Kills the engine's host process (SIGKILL, not a thread) at random moments while executions run on the
/// SQLite store, restarts it, and checks that every execution completes with each effect applied once per
/// idempotency key and an unbroken history.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Executions = 24;
    private const int Kills = 6;
    private readonly string directory = Directory.CreateTempSubdirectory("gdpr-crash-").FullName;

    [Fact]
    public async Task HostKilledRepeatedly_ResumesEveryExecution_EffectsOncePerKeyAndHistoryUnbroken()
    {
        var random = new Random(20261126);
        var killedWhileRunning = 0;
        for (var i = 0; i < Kills; i++)
        {
            using var host = StartHost();
            var ready = await host.StandardOutput.ReadLineAsync();
            if (ready != "ready")
            {
                await host.WaitForExitAsync();
                ready.Should().Be("ready", $"the host should start; it wrote to stderr: {await host.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(random.Next(20, 400));
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                killedWhileRunning++;
            }

            await host.WaitForExitAsync();
        }

        using (var final = StartHost())
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await final.WaitForExitAsync(timeout.Token);
            final.ExitCode.Should().Be(0, await final.StandardError.ReadToEndAsync());
        }

        using var store = new SqliteExecutionStore(Path.Combine(directory, "engine.db"));
        var executions = await store.ListExecutionsAsync(null, null);
        executions.Should().HaveCount(Executions);
        executions.Should().OnlyContain(e => e.Status == ExecutionStatus.Succeeded);
        foreach (var execution in executions)
        {
            var history = await store.GetHistoryAsync(execution.ExecutionArn);
            history.Select(e => e.Id).Should().Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), "event ids are gapless");
            history[0].Type.Should().Be("ExecutionStarted");
            history[^1].Type.Should().Be("ExecutionSucceeded");
            history.Count(e => e.Type.StartsWith("Execution", StringComparison.Ordinal)).Should().Be(2);
            history.Count(e => e.Type == "MapIterationSucceeded").Should().Be(5);
        }

        var (effects, attempts, items) = ReadEffects();
        const int tasksPerExecution = 1 + (5 * 2) + 2;
        effects.Should().Be(Executions * tasksPerExecution, "each task's effect is applied once per idempotency key");
        items.Should().Be(effects, "no logical task ran under two different keys");
        output.WriteLine($"kills while running: {killedWhileRunning}, effects: {effects}, invocations: {attempts} ({attempts - effects} repeated after a crash, same key)");
        killedWhileRunning.Should().BeGreaterThan(0, "the test must actually interrupt the host");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private Process StartHost()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gdpr.Workflows.Engine.CrashHost.dll"));
        info.ArgumentList.Add(directory);
        info.ArgumentList.Add("start");
        info.ArgumentList.Add(Executions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(info)!;
    }

    private (int Effects, int Attempts, int DistinctItems) ReadEffects()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "effects.db")};Pooling=false");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT (SELECT COUNT(*) FROM effects), (SELECT COUNT(*) FROM attempts), (SELECT COUNT(DISTINCT item) FROM effects)";
        using var reader = cmd.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }
}
