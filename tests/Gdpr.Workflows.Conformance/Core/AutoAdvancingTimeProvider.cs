namespace Gdpr.Workflows.Conformance.Core;

/// <summary>
/// Virtual time that never waits: whenever timers are pending, the clock jumps to the earliest one's due time
/// and fires it (with every other timer due then), so Wait states, retry intervals and timeouts pass at once
/// and in the order real time would give. Time only moves forward. Before each jump the provider lets a short
/// real-time <c>settle</c> pass, so that work already running (e.g. a handler about to start its own timer)
/// can register its timers first.
/// </summary>
internal sealed class AutoAdvancingTimeProvider : TimeProvider, IDisposable
{
    private readonly Lock gate = new();
    private readonly List<VirtualTimer> timers = [];
    private readonly SemaphoreSlim wakeUp = new(0);
    private readonly CancellationTokenSource stopping = new();
    private readonly TimeSpan settle;
    private readonly DateTimeOffset start;
    private TimeSpan elapsed;
    private long nextSequence;
    private Task? pump;
    private bool disposed;

    public AutoAdvancingTimeProvider(DateTimeOffset start, TimeSpan? settle = null)
    {
        this.start = start;
        this.settle = settle ?? TimeSpan.FromMilliseconds(2);
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return start + elapsed;
        }
    }

    public override long GetTimestamp()
    {
        lock (gate)
        {
            return elapsed.Ticks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        lock (gate)
        {
            pump ??= Task.Run(PumpAsync);
        }

        return timer;
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        stopping.Cancel();
        wakeUp.Release();
        try
        {
            pump?.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // The pump ends by cancellation.
        }

        stopping.Dispose();
        wakeUp.Dispose();
    }

    private void Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            timers.Remove(timer);
            timer.Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            timer.Due = elapsed + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
            timer.Sequence = nextSequence++;
            timers.Add(timer);
            if (disposed)
            {
                return; // nothing fires any more
            }
        }

        wakeUp.Release();
    }

    private void Cancel(VirtualTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    private async Task PumpAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await wakeUp.WaitAsync(token);
                await Task.Delay(settle, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            List<VirtualTimer> due;
            lock (gate)
            {
                if (timers.Count == 0)
                {
                    continue;
                }

                var earliest = timers.Min(t => t.Due);
                if (earliest > elapsed)
                {
                    elapsed = earliest;
                }

                due = [.. timers.Where(t => t.Due <= elapsed).OrderBy(t => t.Sequence)];
                foreach (var timer in due)
                {
                    timers.Remove(timer);
                    if (timer.Period > TimeSpan.Zero && timer.Period != Timeout.InfiniteTimeSpan)
                    {
                        timer.Due = elapsed + timer.Period;
                        timer.Sequence = nextSequence++;
                        timers.Add(timer);
                    }
                }

                if (timers.Count > 0)
                {
                    wakeUp.Release(); // more to fire after this round settles
                }
            }

            foreach (var timer in due)
            {
                ThreadPool.QueueUserWorkItem(t => t.Fire(), timer, preferLocal: false);
            }
        }
    }

    private sealed class VirtualTimer(AutoAdvancingTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan Due { get; set; }

        public TimeSpan Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Cancel(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
