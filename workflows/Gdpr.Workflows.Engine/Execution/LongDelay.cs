namespace Gdpr.Workflows.Engine.Execution;

/// <summary>
/// Waits until a moment however far away. A .NET timer holds at most 2^32-2 milliseconds (49.7 days), while ASL allows
/// Wait states, TimeoutSeconds and HeartbeatSeconds of up to 99999999 seconds (the erasure workflow's identity wait
/// can be a year): longer waits sleep in steps, each re-reading the clock.
/// </summary>
internal static class LongDelay
{
    /// <summary>The longest single timer used; well under the 49.7-day limit.</summary>
    public static readonly TimeSpan MaxStep = TimeSpan.FromDays(24);

    public static async Task UntilAsync(TimeProvider time, DateTimeOffset until, CancellationToken ct)
    {
        var left = until - time.GetUtcNow();
        while (left > MaxStep)
        {
            await Task.Delay(MaxStep, time, ct);
            left = until - time.GetUtcNow();
        }

        // The last step is one timer, as for any short wait: a clock read after it may lag a timer's rounding.
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, time, ct);
        }
    }

    /// <summary>A delay no longer than <see cref="MaxStep"/>.</summary>
    public static TimeSpan Step(TimeSpan left) => left < MaxStep ? left : MaxStep;
}
