using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public class ErasureDeadlinesTests
{
    private readonly ErasureDeadlines _uk = ErasureDeadlines.UnitedKingdom();

    [Theory]
    [InlineData("2025-01-15", "2025-01-16T00:00:00+00:00")]
    [InlineData("2025-07-15", "2025-07-15T23:00:00+00:00")]
    public void EndOfDay_LondonDay_IsTheNextLocalMidnight(string day, string expected)
    {
        _uk.EndOfDay(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Initial_ClockWaitsForVerification_ProvisionalDueDateFromReceipt()
    {
        var state = _uk.Initial(new DateOnly(2025, 1, 31), clockStarts: false);

        state.ClockStart.Should().BeNull();
        state.DueDate.Should().Be(new DateOnly(2025, 2, 28));
    }

    [Fact]
    public void HorizonSeconds_ClockStopped_UsesTheLongestPeriod()
    {
        var received = new DateOnly(2025, 3, 3);
        var stopped = new DeadlineState(received, ClockStart.OnReceipt(received), [new ClockPause(received)], [], [], null);

        var seconds = _uk.HorizonSeconds(stopped, new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.Zero));

        seconds.Should().Be((int)(new DateTimeOffset(2025, 6, 3, 23, 0, 0, TimeSpan.Zero) - new DateTimeOffset(2025, 3, 3, 12, 0, 0, TimeSpan.Zero)).TotalSeconds);
    }

    [Fact]
    public void Compute_BeyondTheHolidayData_DeadlineUnavailable()
    {
        var state = new DeadlineState(new DateOnly(2028, 12, 20), ClockStart.OnReceipt(new DateOnly(2028, 12, 20)), [], [], [], null);

        var act = () => _uk.Compute(state);

        act.Should().Throw<ErasureException>().Which.ErrorType.Should().Be(ErasureErrorTypes.DeadlineUnavailable);
    }
}
