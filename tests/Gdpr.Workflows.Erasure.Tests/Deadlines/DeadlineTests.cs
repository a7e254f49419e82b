using Gdpr.Workflows.Erasure.Deadlines;
using static Gdpr.Workflows.Erasure.Tests.Deadlines.TestDates;

namespace Gdpr.Workflows.Erasure.Tests.Deadlines;

public class DeadlineTests
{
    private readonly DeadlineCalculator _calculator = new(UkHolidayCalendar.For(UkJurisdiction.EnglandAndWales));

    [Theory]
    [InlineData("2024-02-01", 28, false)]
    [InlineData("2024-02-20", 9, false)]
    [InlineData("2024-02-29", 0, false)]
    [InlineData("2024-03-01", -1, true)]
    public void DaysLeft_RunningClock_CalendarDaysToDueDate(string today, int expectedDaysLeft, bool expectedOverdue)
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D("2024-01-31")), []); // due Thu 29 Feb 2024

        deadline.DaysLeft(D(today)).Should().Be(expectedDaysLeft);
        deadline.IsOverdue(D(today)).Should().Be(expectedOverdue);
    }

    [Fact]
    public void IsOverdue_ClockStopped_False()
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D("2024-01-31")), [new ClockPause(D("2024-02-10"))]);

        deadline.IsOverdue(D("2024-06-01")).Should().BeFalse();
    }

    [Fact]
    public void ToString_JoinsExplanationLines()
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D("2024-09-10")), []);

        deadline.ToString().Should().Be(
            "The clock started with the request received on Tuesday 10 September 2024.\n"
            + "1 month from the clock start is Thursday 10 October 2024.\n"
            + "Due on Thursday 10 October 2024.");
    }
}
