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

    [Theory]
    // The examples, worked by hand (GOV.UK lists, a printed calendar):
    [InlineData("uk-ew", "2027-01-31", 1, "2027-03-01")] // no 31 Feb: Sun 28 Feb 2027 → Mon 1 Mar
    [InlineData("uk-ew", "2027-12-03", 1, "2028-01-04")] // Mon 3 Jan 2028 is New Year's Day (substitute: Sat 1 Jan) → Tue 4 Jan
    [InlineData("uk-sct", "2027-12-03", 1, "2028-01-05")] // Scotland: Mon 3 and Tue 4 Jan 2028 (1 and 2 Jan on the weekend) → Wed 5 Jan
    [InlineData("uk-ew", "2027-02-26", 1, "2027-03-30")] // Easter 2027 (Sunday 28 Mar): Fri 26 Mar Good Friday, Sat, Sun, Mon 29 Easter Monday → Tue 30 Mar
    [InlineData("uk-sct", "2027-02-26", 1, "2027-03-29")] // Scotland has no Easter Monday: Good Friday 26 Mar, weekend → Mon 29 Mar
    // Receipts from 30 Nov 2028 could not be recorded before (the table ended in 2028):
    [InlineData("uk-ew", "2028-11-30", 1, "2029-01-02")] // Sat 30 Dec, Sun 31 Dec, Mon 1 Jan 2029 New Year's Day → Tue 2 Jan
    [InlineData("uk-sct", "2028-11-30", 1, "2029-01-03")] // Scotland: 1 and 2 Jan 2029 are holidays → Wed 3 Jan
    [InlineData("uk-ni", "2028-11-30", 1, "2029-01-02")]
    // Extensions from 30 Sep 2028 failed before:
    [InlineData("uk-ew", "2028-09-30", 3, "2029-01-02")] // 3 months: Sat 30 Dec 2028, Sun 31, Mon 1 Jan 2029 → Tue 2 Jan
    [InlineData("uk-ew", "2028-09-30", 2, "2028-11-30")] // 2 months: Thu 30 Nov 2028
    [InlineData("uk-sct", "2028-09-30", 2, "2028-12-01")] // Scotland: Thu 30 Nov 2028 St Andrew's Day → Fri 1 Dec
    [InlineData("uk-ni", "2030-02-17", 1, "2030-03-19")] // Sun 17 Mar 2030 → Mon 18 Mar St Patrick's (substitute) → Tue 19 Mar
    [InlineData("uk-ni", "2025-06-12", 1, "2025-07-15")] // Sat 12 Jul 2025, Sun, Mon 14 Jul Boyne (substitute) → Tue 15 Jul
    [InlineData("uk-ew", "2099-12-31", 1, "2100-02-01")] // Sun 31 Jan 2100 → Mon 1 Feb: any year to 2100 works
    public void Plan_DatedExamples_DueOnTheWorkedDay(string jurisdiction, string received, int months, string due)
    {
        var rules = _uk.Of(jurisdiction);

        rules.Plan(D(received), months).DueDate.Should().Be(D(due));
    }

    [Fact]
    public void Plan_SkippedDays_NamedWithTheirReason()
    {
        // 3 Dec 2027 + 1 month = Mon 3 Jan 2028, New Year's Day (substitute day) → Tue 4 Jan.
        var deadline = _uk.Plan(D("2027-12-03"), 1);

        deadline.MovedPast.Should().Equal(new NonWorkingDay(D("2028-01-03"), "public holiday: New Year's Day (substitute day)"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Plan_MonthsOutsideOneToThree_InvalidInput(int months)
    {
        var act = () => _uk.Plan(D("2027-01-31"), months);

        act.Should().Throw<InvalidInputException>();
    }

    [Theory]
    [InlineData("UK", "uk-ew")] // requests stored before the jurisdictions were told apart
    [InlineData("uk-sct", "uk-sct")]
    [InlineData("UK-NI", "uk-ni")]
    public void Of_KnownCode_TheCalendarOfThatJurisdiction(string code, string expected)
    {
        _uk.Of(code).Jurisdiction.Should().Be(expected);
    }

    [Fact]
    public void Of_UnknownCode_InvalidInput()
    {
        var act = () => _uk.Of("fr");

        act.Should().Throw<InvalidInputException>().WithMessage("*uk-ew, uk-sct or uk-ni*");
    }

    [Fact]
    public void Compute_UntoldExtension_NotInEffect()
    {
        // Received Mon 1 Mar 2027: due Thu 1 Apr 2027. A 2-month extension decided on 10 Mar but not told moves nothing.
        var received = D("2027-03-01");
        var untold = new DeadlineExtension(2, ExtensionReasons.Complex, D("2027-03-10"));
        var state = new DeadlineState(received, ClockStart.OnReceipt(received), [], [untold], [], null);

        _uk.Compute(state).DueDate.Should().Be(D("2027-04-01"));
        _uk.Compute(state with { Extensions = [untold with { ToldOn = D("2027-03-12") }] }).DueDate.Should().Be(D("2027-06-01")); // Tue 1 Jun 2027
    }

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
