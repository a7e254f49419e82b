using System.Diagnostics;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>Measures the local engine on the reference workflow: sequentially or in batches of concurrent executions.</summary>
internal static class OurEngineThroughput
{
    public const string EngineName = "Gdpr.Workflows.Engine";

    /// <summary>Runs the reference input once in memory and returns the execution's output JSON.</summary>
    public static async Task<string> RunOnceAsync(ReferenceWorkflow workflow)
    {
        using var store = new BenchmarkStore(StoreKind.InMemory);
        await using var engine = ReferenceWorkflow.CreateEngine(store.Store);
        var machine = engine.CreateStateMachine("reference", workflow.Definition);
        var result = await engine.WaitForCompletionAsync(await engine.StartExecutionAsync(machine, workflow.Input));
        return result.Status == ExecutionStatus.Succeeded
            ? result.Output!
            : throw new InvalidOperationException($"reference execution ended {result.Status}: {result.Error}: {result.Cause}");
    }

    /// <summary>
    /// Warms up on a throwaway engine, then measures a fresh engine and store (so the measured store starts empty):
    /// executions completed per second and bytes allocated per execution, across all threads.
    /// </summary>
    /// <param name="concurrency">1: start one, wait for it, repeat. N: start N, wait for all, repeat.</param>
    public static async Task<Figure> MeasureAsync(ReferenceWorkflow workflow, StoreKind storeKind, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        using (var warmStore = new BenchmarkStore(storeKind))
        {
            await using var warmEngine = ReferenceWorkflow.CreateEngine(warmStore.Store);
            _ = await RunForAsync(warmEngine, workflow, concurrency, warmup);
        }

        using var store = new BenchmarkStore(storeKind);
        await using var engine = ReferenceWorkflow.CreateEngine(store.Store);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (executions, elapsed) = await RunForAsync(engine, workflow, concurrency, duration);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var mode = concurrency == 1 ? "sequential" : $"{concurrency} concurrent";
        return new Figure(EngineName, mode, storeKind == StoreKind.Sqlite ? "sqlite" : "memory", executions, elapsed.TotalSeconds, (double)allocated / executions);
    }

    private static async Task<(long Executions, TimeSpan Elapsed)> RunForAsync(LocalStepFunctions engine, ReferenceWorkflow workflow, int concurrency, TimeSpan duration)
    {
        var machine = engine.CreateStateMachine("reference", workflow.Definition);
        var arns = new string[concurrency];
        var waits = new Task<ExecutionDescription>[concurrency];
        long executions = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (var i = 0; i < concurrency; i++)
            {
                arns[i] = await engine.StartExecutionAsync(machine, workflow.Input);
            }

            for (var i = 0; i < concurrency; i++)
            {
                waits[i] = engine.WaitForCompletionAsync(arns[i]);
            }

            foreach (var result in await Task.WhenAll(waits))
            {
                if (result.Status != ExecutionStatus.Succeeded)
                {
                    throw new InvalidOperationException($"execution {result.ExecutionArn} ended {result.Status}: {result.Error}: {result.Cause}");
                }
            }

            executions += concurrency;
        }

        return (executions, clock.Elapsed);
    }
}
