namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// A clock that never sleeps: every timer fires at once and the clock jumps forward by the timer's due time, so a
/// Retry's IntervalSeconds (at least 1 in AWS) costs no wall time, yet the engine still sees the interval elapse.
/// Only for definitions without TimeoutSeconds/HeartbeatSeconds: those timers would fire at once as well.
/// </summary>
internal sealed class SkipAheadTimeProvider : TimeProvider
{
    private long skippedTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref skippedTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Add(ref skippedTicks, dueTime.Ticks);
            dueTime = TimeSpan.Zero;
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
