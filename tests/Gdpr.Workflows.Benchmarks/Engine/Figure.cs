namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>One measured throughput: how many executions completed in how much wall time.</summary>
internal sealed record Figure(string Engine, string Mode, string Store, long Executions, double Seconds, double? AllocatedBytesPerExecution)
{
    public double ExecutionsPerSecond => Executions / Seconds;
}
