namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// One measured throughput: how many executions completed in how much wall time, with the process CPU time they
/// took (all threads: GC and JIT included), and the bytes allocated per execution where the runtime reports them.
/// </summary>
internal sealed record Figure(string Engine, string Mode, string Store, long Executions, double Seconds, double CpuSeconds, double? AllocatedBytesPerExecution)
{
    public double ExecutionsPerSecond => Executions / Seconds;

    /// <summary>CPU per execution: less sensitive than throughput to other processes competing for the cores.</summary>
    public double CpuMicrosecondsPerExecution => CpuSeconds * 1e6 / Executions;
}
