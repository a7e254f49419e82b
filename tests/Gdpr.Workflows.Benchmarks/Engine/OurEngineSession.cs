using System.Diagnostics;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// The local engine on a fresh store, running the reference workflow in measured stretches: sequentially
/// (concurrency 1: start one, wait for it, repeat) or in batches (start N, wait for all, repeat).
/// </summary>
internal sealed class OurEngineSession : IAsyncDisposable
{
    public const string EngineName = "Gdpr.Workflows.Engine";

    private readonly ReferenceWorkflow workflow;
    private readonly BenchmarkStore store;
    private readonly LocalStepFunctions engine;
    private readonly string machine;
    private readonly string[] arns;
    private readonly Task<ExecutionDescription>[] waits;

    public OurEngineSession(ReferenceWorkflow workflow, StoreKind storeKind, int concurrency)
    {
        this.workflow = workflow;
        store = new BenchmarkStore(storeKind);
        engine = ReferenceWorkflow.CreateEngine(store.Store);
        machine = engine.CreateStateMachine("reference", workflow.Definition);
        arns = new string[concurrency];
        waits = new Task<ExecutionDescription>[concurrency];
        Mode = concurrency == 1 ? "sequential" : $"{concurrency} concurrent";
        StoreName = storeKind == StoreKind.Sqlite ? "sqlite" : "memory";
    }

    public string Mode { get; }

    public string StoreName { get; }

    /// <summary>Runs the reference input once and returns the execution's output JSON.</summary>
    public async Task<string> RunOnceAsync()
    {
        var result = await engine.WaitForCompletionAsync(await engine.StartExecutionAsync(machine, workflow.Input));
        return result.Status == ExecutionStatus.Succeeded
            ? result.Output!
            : throw new InvalidOperationException($"reference execution ended {result.Status}: {result.Error}: {result.Cause}");
    }

    /// <summary>Runs whole batches until <paramref name="duration"/> has passed; allocation counted across all threads.</summary>
    public async Task<Sample> RunAsync(TimeSpan duration)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long executions = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await RunBatchAsync();
            executions += arns.Length;
        }

        var elapsed = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        return new Sample(executions, elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds, allocated);
    }

    public async ValueTask DisposeAsync()
    {
        await engine.DisposeAsync();
        store.Dispose();
    }

    private async Task RunBatchAsync()
    {
        for (var i = 0; i < arns.Length; i++)
        {
            arns[i] = await engine.StartExecutionAsync(machine, workflow.Input);
        }

        for (var i = 0; i < arns.Length; i++)
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
    }
}
