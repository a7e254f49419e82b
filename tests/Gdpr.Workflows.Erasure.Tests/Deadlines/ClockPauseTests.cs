using Gdpr.Workflows.Erasure.Deadlines;
using static Gdpr.Workflows.Erasure.Tests.Deadlines.TestDates;

namespace Gdpr.Workflows.Erasure.Tests.Deadlines;

public class ClockPauseTests
{
    [Fact]
    public void Days_ClosedPause_CountsFromAskedToAnsweredBothIncluded()
    {
        // Art. 12A: "the period beginning with the day on which the controller makes the request and ending with the day on
        // which the controller receives the information": 26, 27, 28, 29 Feb (2024 is a leap year), 1, 2 Mar = 6 days.
        new ClockPause(D("2024-02-26"), D("2024-03-02")).Days.Should().Be(6);
    }

    [Fact]
    public void Days_AskedAndAnsweredTheSameDay_OneDay()
    {
        new ClockPause(D("2027-03-10"), D("2027-03-10"), "which account").Days.Should().Be(1);
    }

    [Fact]
    public void Days_OpenPause_ZeroAndOpen()
    {
        var pause = new ClockPause(D("2024-02-26"));

        pause.IsOpen.Should().BeTrue();
        pause.Days.Should().Be(0);
    }
}
