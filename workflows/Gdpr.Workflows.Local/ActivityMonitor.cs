namespace Gdpr.Workflows.Local;

/// <summary>
/// Tells when the local engine has gone quiet: no function handler running and nothing committed for a while. A
/// one-shot command runs the engine until then, and the executions go on the next time gdpr runs (or under serve).
/// </summary>
public sealed class ActivityMonitor(TimeProvider time)
{
    private long lastActivity = time.GetTimestamp();
    private int inFlight;

    public void Touch() => Interlocked.Exchange(ref lastActivity, time.GetTimestamp());

    /// <summary>Marks a handler as running until the returned scope is disposed.</summary>
    public IDisposable Begin()
    {
        Interlocked.Increment(ref inFlight);
        Touch();
        return new Scope(this);
    }

    /// <summary>
    /// Waits until nothing ran for <paramref name="quiet"/>, at most <paramref name="limit"/>. True when quiet was reached.
    /// </summary>
    public async Task<bool> WaitForQuietAsync(TimeSpan quiet, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < limit)
        {
            if (Volatile.Read(ref inFlight) == 0 && time.GetElapsedTime(Interlocked.Read(ref lastActivity)) >= quiet)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }

        return false;
    }

    private sealed class Scope(ActivityMonitor monitor) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                monitor.Touch();
                Interlocked.Decrement(ref monitor.inFlight);
            }
        }
    }
}
