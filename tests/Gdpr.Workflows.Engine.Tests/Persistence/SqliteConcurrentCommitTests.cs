using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Persistence;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Engine.Tests.Persistence;

/// <summary>
/// Transitions of many executions committed at once (the engine's load): each caller's transition is on disk when its
/// task completes, in its execution's order, and one that fails fails alone.
/// </summary>
public sealed class SqliteConcurrentCommitTests : IDisposable
{
    private const string Machine = "arn:aws:states:us-east-1:000000000000:stateMachine:m";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string directory = Directory.CreateTempSubdirectory("gdpr-concurrent-commit-").FullName;

    [Fact]
    public async Task CommitAsync_ManyExecutionsAtOnce_EveryTransitionIsStoredInOrderAfterReopening()
    {
        const int executions = 40;
        const int transitions = 25;
        var path = Path.Combine(directory, "engine.db");
        using (var store = new SqliteExecutionStore(path))
        {
            var arns = await CreateAsync(store, executions);
            await Task.WhenAll(arns.Select(arn => Task.Run(async () =>
            {
                for (var step = 1; step <= transitions; step++)
                {
                    await store.CommitAsync(arn, new ExecutionCommit { Events = [Event(step + 1, step)] });
                }
            })));
        }

        using var reopened = new SqliteExecutionStore(path);
        for (var i = 0; i < executions; i++)
        {
            var history = await reopened.GetHistoryAsync(Arn(i));
            history.Select(e => e.Id).Should().Equal(Enumerable.Range(1, transitions + 1).Select(n => (long)n), $"execution {i} keeps every committed transition once, in order");
            history.Skip(1).Select(e => e.PreviousEventId).Should().Equal(Enumerable.Range(1, transitions).Select(n => (long)n));
        }
    }

    [Fact]
    public async Task CommitAsync_OneTransitionFailsAmongOthers_OnlyThatCallerFailsAndTheOthersAreStored()
    {
        var path = Path.Combine(directory, "engine.db");
        using var store = new SqliteExecutionStore(path);
        var arns = await CreateAsync(store, 30);

        // Event id 1 exists already (the execution's first event): that transition breaks the history's key.
        var calls = arns.Select((arn, i) => Task.Run(() => store.CommitAsync(arn, new ExecutionCommit { Events = [Event(i == 7 ? 1 : 2, 1)] }))).ToList();
        var failing = calls[7];
        await FluentActions.Awaiting(() => failing).Should().ThrowAsync<SqliteException>();
        await Task.WhenAll(calls.Where(c => c != failing));

        for (var i = 0; i < arns.Count; i++)
        {
            var history = await store.GetHistoryAsync(arns[i]);
            history.Select(e => e.Id).Should().Equal(i == 7 ? [1L] : [1L, 2L], $"execution {i}'s transition stands or falls alone");
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static string Arn(int i) => $"arn:aws:states:us-east-1:000000000000:execution:m:e{i}";

    private static HistoryEvent Event(long id, long previous) => new(id, previous, Start.AddSeconds(id), "PassStateEntered", null, (string?)null);

    private static async Task<List<string>> CreateAsync(SqliteExecutionStore store, int count)
    {
        var arns = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var record = new ExecutionRecord(Arn(i), Machine, $"e{i}", ExecutionStatus.Running, "{}", null, null, null, Start, null);
            (await store.TryCreateExecutionAsync(record, new ExecutionCommit { Events = [Event(1, 0)] })).Should().BeTrue();
            arns.Add(Arn(i));
        }

        return arns;
    }
}
