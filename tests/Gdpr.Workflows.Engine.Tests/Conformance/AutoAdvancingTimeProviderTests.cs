using System.Diagnostics;
using Gdpr.Workflows.Conformance.Core;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

public class AutoAdvancingTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Delay_OfAnHour_EndsAtOnceWithTheClockAnHourLater()
    {
        using var time = new AutoAdvancingTimeProvider(Start);
        var wall = Stopwatch.StartNew();

        await Task.Delay(TimeSpan.FromHours(1), time);

        wall.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        time.GetUtcNow().Should().Be(Start.AddHours(1));
        time.GetElapsedTime(0).Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Timers_StartedTogether_FireInDueOrderNotCreationOrder()
    {
        // A 60 s "function" racing a 5 s task timeout, the way a Task state with TimeoutSeconds runs. A generous settle
        // keeps the clock still while this thread, maybe descheduled on a loaded machine, creates the second timer.
        using var time = new AutoAdvancingTimeProvider(Start, settle: TimeSpan.FromMilliseconds(200));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
        var function = Task.Delay(TimeSpan.FromSeconds(60), time, timeout.Token);

        // Registered after the delay: cancellation callbacks run last-registered first, so this one has run
        // before the delay's cancellation resumes the await below.
        DateTimeOffset? firedAt = null;
        using var registration = timeout.Token.Register(() => firedAt = time.GetUtcNow());

        await FluentActions.Awaiting(() => function).Should().ThrowAsync<TaskCanceledException>();

        // Read when the timeout fired: after it, the clock may already have moved on to the next pending timer.
        firedAt.Should().Be(Start.AddSeconds(5));
    }

    [Fact]
    public async Task Delays_InSequence_AddUpAndTimeNeverGoesBack()
    {
        using var time = new AutoAdvancingTimeProvider(Start);
        var seen = new List<DateTimeOffset>();

        foreach (var seconds in new[] { 10, 0, 3, 1 })
        {
            await Task.Delay(TimeSpan.FromSeconds(seconds), time);
            seen.Add(time.GetUtcNow());
        }

        seen.Should().BeInAscendingOrder();
        seen[^1].Should().Be(Start.AddSeconds(14));
    }

    [Fact]
    public async Task Timer_Periodic_FiresAgainEachPeriod()
    {
        using var time = new AutoAdvancingTimeProvider(Start);
        var ticks = 0;
        var third = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = time.CreateTimer(
            _ =>
            {
                if (Interlocked.Increment(ref ticks) == 3)
                {
                    third.TrySetResult(time.GetUtcNow());
                }
            },
            null,
            TimeSpan.FromMinutes(1),
            TimeSpan.FromMinutes(1));

        (await third.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().Be(Start.AddMinutes(3));
    }

    [Fact]
    public async Task Timer_Disposed_NeverFires()
    {
        using var time = new AutoAdvancingTimeProvider(Start);
        var fired = false;
        var timer = time.CreateTimer(_ => fired = true, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();

        await Task.Delay(TimeSpan.FromSeconds(2), time);

        fired.Should().BeFalse();
    }
}
