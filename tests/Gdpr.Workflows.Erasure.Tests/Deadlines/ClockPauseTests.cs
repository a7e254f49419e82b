using Gdpr.Workflows.Erasure.Deadlines;
using static Gdpr.Workflows.Erasure.Tests.Deadlines.TestDates;

namespace Gdpr.Workflows.Erasure.Tests.Deadlines;

public class ClockPauseTests
{
    [Fact]
    public void Days_ClosedPause_CountsFromAskedToAnswered()
    {
        new ClockPause(D("2024-02-26"), D("2024-03-02")).Days.Should().Be(5); // across 29 Feb 2024
    }

    [Fact]
    public void Days_OpenPause_ZeroAndOpen()
    {
        var pause = new ClockPause(D("2024-02-26"));

        pause.IsOpen.Should().BeTrue();
        pause.Days.Should().Be(0);
    }
}
