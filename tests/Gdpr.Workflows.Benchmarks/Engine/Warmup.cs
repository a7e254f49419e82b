using System.Diagnostics;
using System.Runtime;

namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// Runs a workload until .NET's tiered compilation has settled: at most a few methods compiled (tier 0,
/// instrumented or tier 1) during the last second. On a busy machine the background compiler is starved and
/// tier-up takes over ten seconds; a fixed short warm-up would measure unoptimised code.
/// </summary>
internal sealed class Warmup(TimeSpan minimum, TimeSpan maximum)
{
    // Rarely used paths keep trickling into the JIT for a long time; a handful per second is "settled".
    private const int SettledMethodsPerSecond = 10;
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    public TimeSpan Minimum { get; } = minimum;

    public TimeSpan Maximum { get; } = maximum;

    /// <summary>How long the last <see cref="RunAsync"/> ran, and whether the JIT settled before <see cref="Maximum"/>.</summary>
    public (TimeSpan Elapsed, bool Settled) Last { get; private set; }

    public async Task RunAsync(Func<TimeSpan, Task> workload)
    {
        var clock = Stopwatch.StartNew();
        var marks = new List<(TimeSpan At, long Compiled)> { (TimeSpan.Zero, JitInfo.GetCompiledMethodCount()) };
        while (clock.Elapsed < Maximum)
        {
            await workload(Slice);
            var now = (At: clock.Elapsed, Compiled: JitInfo.GetCompiledMethodCount());
            marks.Add(now);

            // Keep as the first mark the latest one at least a window old.
            while (marks.Count > 2 && now.At - marks[1].At >= Window)
            {
                marks.RemoveAt(0);
            }

            var (at, compiled) = marks[0];
            if (now.At >= Minimum && now.At - at >= Window && now.Compiled - compiled <= SettledMethodsPerSecond * (now.At - at).TotalSeconds)
            {
                Last = (now.At, true);
                return;
            }
        }

        Last = (clock.Elapsed, false);
    }
}
