using System.Diagnostics;
using System.Runtime;

namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// Runs a workload until .NET's tiered compilation has settled: no method compiled (tier 0, instrumented or
/// tier 1) during the last second. On a busy machine the background compiler is starved and tier-up takes well
/// over ten seconds; a fixed short warm-up would measure unoptimised code.
/// </summary>
internal sealed class Warmup(TimeSpan minimum, TimeSpan maximum)
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    public TimeSpan Minimum { get; } = minimum;

    public TimeSpan Maximum { get; } = maximum;

    /// <summary>How long the last <see cref="RunAsync"/> ran, and whether the JIT settled before <see cref="Maximum"/>.</summary>
    public (TimeSpan Elapsed, bool Settled) Last { get; private set; }

    public async Task RunAsync(Func<TimeSpan, Task<(long Executions, TimeSpan Elapsed)>> workload)
    {
        var clock = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var quietSince = clock.Elapsed;
        while (clock.Elapsed < Maximum)
        {
            _ = await workload(Slice);
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                quietSince = clock.Elapsed;
            }
            else if (clock.Elapsed - quietSince >= Quiet && clock.Elapsed >= Minimum)
            {
                Last = (clock.Elapsed, true);
                return;
            }
        }

        Last = (clock.Elapsed, false);
    }
}
