namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// A clock that never sleeps: a one-shot timer fires at once (its callback queued to the thread pool) and the clock
/// jumps forward by the timer's due time, so a Retry's IntervalSeconds (at least 1 in AWS) costs no wall time while
/// the engine still sees the interval elapse. The Node side does the same with retryIntervalOverrides = 0.
/// Only for definitions without TimeoutSeconds/HeartbeatSeconds: those timers would fire at once as well.
/// </summary>
internal sealed class SkipAheadTimeProvider : TimeProvider
{
    private long skippedTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref skippedTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero || dueTime == Timeout.InfiniteTimeSpan || period != Timeout.InfiniteTimeSpan)
        {
            // Armed later (via Change) or periodic: a real timer, as the engine's timeout timers need.
            return base.CreateTimer(callback, state, dueTime, period);
        }

        Interlocked.Add(ref skippedTicks, dueTime.Ticks);
        ThreadPool.UnsafeQueueUserWorkItem(s => callback(s), state, preferLocal: false);
        return FiredTimer.Instance;
    }

    /// <summary>A one-shot timer that has already fired: nothing left to change or cancel.</summary>
    private sealed class FiredTimer : ITimer
    {
        public static readonly FiredTimer Instance = new();

        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
