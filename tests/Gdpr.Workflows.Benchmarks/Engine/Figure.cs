namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>One measured stretch: executions completed, wall and process CPU seconds, bytes allocated if known.</summary>
internal readonly record struct Sample(long Executions, double Seconds, double CpuSeconds, long? AllocatedBytes);

/// <summary>
/// One measured throughput: how many executions completed in how much wall time, with the process CPU time they
/// took (all threads: GC and JIT included), and the bytes allocated per execution where the runtime reports them.
/// </summary>
internal sealed record Figure(string Engine, string Mode, string Store, long Executions, double Seconds, double CpuSeconds, double? AllocatedBytesPerExecution)
{
    public double ExecutionsPerSecond => Executions / Seconds;

    /// <summary>CPU per execution: less sensitive than throughput to other processes competing for the cores.</summary>
    public double CpuMicrosecondsPerExecution => CpuSeconds * 1e6 / Executions;

    /// <summary>Wall time per execution (concurrent rows overlap executions, so this is not latency).</summary>
    public double WallMicrosecondsPerExecution => Seconds * 1e6 / Executions;

    public static Figure Of(string engine, string mode, string store, IReadOnlyCollection<Sample> samples)
    {
        var executions = samples.Sum(s => s.Executions);
        var allocated = samples.All(s => s.AllocatedBytes is not null) ? samples.Sum(s => s.AllocatedBytes!.Value) : (long?)null;
        return new Figure(engine, mode, store, executions, samples.Sum(s => s.Seconds), samples.Sum(s => s.CpuSeconds), (double?)allocated / executions);
    }
}
