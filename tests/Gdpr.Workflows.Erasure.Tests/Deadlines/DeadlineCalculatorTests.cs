using Gdpr.Workflows.Erasure.Deadlines;
using static Gdpr.Workflows.Erasure.Tests.Deadlines.TestDates;

namespace Gdpr.Workflows.Erasure.Tests.Deadlines;

/// <summary>
/// Every expected date below was worked out by hand from a printed calendar and the GOV.UK list of
/// England and Wales bank holidays; the comment says how.
/// </summary>
public class DeadlineCalculatorTests
{
    private readonly DeadlineCalculator _calculator = new(UkHolidayCalendar.For(UkJurisdiction.EnglandAndWales));

    [Theory]
    // Month ends and leap years
    [InlineData("2024-01-31", "2024-02-29", "no 31 February; 2024 is a leap year: Thu 29 Feb")]
    [InlineData("2023-01-31", "2023-02-28", "no 31 February; Tue 28 Feb")]
    [InlineData("2025-01-31", "2025-02-28", "no 31 February; Fri 28 Feb")]
    [InlineData("2027-01-31", "2027-03-01", "last day Sun 28 Feb 2027 → Mon 1 Mar")]
    [InlineData("2028-01-31", "2028-02-29", "2028 is a leap year: Tue 29 Feb")]
    [InlineData("2024-01-29", "2024-02-29", "29 Feb exists in 2024: Thu")]
    [InlineData("2023-01-29", "2023-02-28", "no 29 Feb in 2023: Tue 28 Feb")]
    [InlineData("2024-02-28", "2024-03-28", "Thu 28 Mar")]
    [InlineData("2024-02-29", "2024-04-02", "Fri 29 Mar Good Friday, Sat, Sun, Mon 1 Apr Easter Monday → Tue 2 Apr")]
    [InlineData("2028-02-29", "2028-03-29", "Wed 29 Mar 2028")]
    [InlineData("2024-03-30", "2024-04-30", "same date: Tue 30 Apr")]
    [InlineData("2024-03-31", "2024-04-30", "no 31 April: Tue 30 Apr")]
    [InlineData("2025-03-31", "2025-04-30", "no 31 April: Wed 30 Apr")]
    [InlineData("2025-05-31", "2025-06-30", "no 31 June: Mon 30 Jun")]
    [InlineData("2024-08-31", "2024-09-30", "no 31 September: Mon 30 Sep")]
    [InlineData("2024-10-31", "2024-12-02", "no 31 November; Sat 30 Nov → Mon 2 Dec")]
    [InlineData("2023-12-31", "2024-01-31", "across the year end: Wed 31 Jan")]
    // Plain days and weekends
    [InlineData("2024-09-10", "2024-10-10", "Thu 10 Oct")]
    [InlineData("2024-05-15", "2024-06-17", "Sat 15 Jun → Mon 17 Jun")]
    [InlineData("2024-05-16", "2024-06-17", "Sun 16 Jun → Mon 17 Jun")]
    [InlineData("2024-04-06", "2024-05-07", "Mon 6 May early May bank holiday → Tue 7 May")]
    [InlineData("2024-07-24", "2024-08-27", "Sat 24 Aug, Sun, Mon 26 summer bank holiday → Tue 27 Aug")]
    // Christmas, Boxing Day and their substitutes
    [InlineData("2024-11-25", "2024-12-27", "Wed 25 Dec Christmas, Thu 26 Boxing Day → Fri 27 Dec")]
    [InlineData("2024-11-26", "2024-12-27", "Thu 26 Dec Boxing Day → Fri 27 Dec")]
    [InlineData("2020-11-26", "2020-12-29", "Sat 26 Dec, Sun, Mon 28 Boxing Day substitute → Tue 29 Dec")]
    [InlineData("2021-11-25", "2021-12-29", "Sat 25 Dec, Sun, substitutes Mon 27 and Tue 28 → Wed 29 Dec")]
    [InlineData("2022-11-25", "2022-12-28", "Sun 25 Dec, Mon 26 Boxing Day, Tue 27 Christmas substitute → Wed 28 Dec")]
    [InlineData("2026-11-26", "2026-12-29", "Sat 26 Dec, Sun, Mon 28 Boxing Day substitute → Tue 29 Dec")]
    [InlineData("2027-11-27", "2027-12-29", "Mon 27 and Tue 28 Dec 2027 substitutes → Wed 29 Dec")]
    // New Year and its substitutes
    [InlineData("2024-12-01", "2025-01-02", "Wed 1 Jan New Year's Day → Thu 2 Jan")]
    [InlineData("2022-12-01", "2023-01-03", "Sun 1 Jan, Mon 2 Jan substitute → Tue 3 Jan")]
    [InlineData("2021-12-01", "2022-01-04", "Sat 1 Jan, Sun, Mon 3 Jan substitute → Tue 4 Jan")]
    [InlineData("2027-12-01", "2028-01-04", "Sat 1 Jan 2028, Sun, Mon 3 Jan substitute → Tue 4 Jan")]
    // Easter
    [InlineData("2025-03-18", "2025-04-22", "Fri 18 Apr Good Friday, Sat, Sun, Mon 21 Easter Monday → Tue 22 Apr")]
    [InlineData("2025-03-21", "2025-04-22", "Mon 21 Apr Easter Monday → Tue 22 Apr")]
    [InlineData("2026-03-03", "2026-04-07", "Fri 3 Apr Good Friday … Mon 6 Easter Monday → Tue 7 Apr")]
    [InlineData("2027-02-26", "2027-03-30", "Fri 26 Mar 2027 Good Friday … Mon 29 Easter Monday → Tue 30 Mar")]
    [InlineData("2028-03-14", "2028-04-18", "Fri 14 Apr 2028 Good Friday … Mon 17 Easter Monday → Tue 18 Apr")]
    // One-off bank holidays
    [InlineData("2020-04-08", "2020-05-11", "Fri 8 May 2020 VE day, weekend → Mon 11 May")]
    [InlineData("2022-05-02", "2022-06-06", "Thu 2 Jun spring, Fri 3 Jun jubilee, weekend → Mon 6 Jun")]
    [InlineData("2022-04-30", "2022-05-30", "Mon 30 May 2022 is a working day: the spring bank holiday moved to 2 June")]
    [InlineData("2022-08-19", "2022-09-20", "Mon 19 Sep 2022 state funeral → Tue 20 Sep")]
    [InlineData("2023-04-08", "2023-05-09", "Mon 8 May 2023 coronation → Tue 9 May")]
    public void Compute_NoPausesNoExtension_DueOnExpectedWorkingDay(string start, string expectedDue, string why)
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D(start)), []);

        deadline.DueDate.Should().Be(D(expectedDue), why);
        deadline.Months.Should().Be(1);
    }

    [Theory]
    // Art. 12A: the days from the one clarification was asked for to the one it arrived, both included, do not count.
    [InlineData("2024-01-10", "2024-01-15..2024-01-22", "2024-02-20", "Sat 10 Feb → Mon 12 Feb, + 8 (15 to 22 Jan) → Tue 20 Feb")]
    [InlineData("2024-03-01", "2024-03-05..2024-03-08 2024-03-20..2024-03-22", "2024-04-09",
        "Mon 1 Apr Easter Monday → Tue 2 Apr, + 4 + 3 → Tue 9 Apr")]
    [InlineData("2024-05-15", "2024-05-20..2024-05-21", "2024-06-19", "Sat 15 Jun → Mon 17 Jun, + 2 → Wed 19 Jun")]
    [InlineData("2024-01-31", "2024-01-31..2024-02-02", "2024-03-04", "pause from the start day: Thu 29 Feb + 3 → Sun 3 Mar → Mon 4 Mar")]
    [InlineData("2024-11-20", "2024-11-25..2024-11-30", "2024-12-27", "Fri 20 Dec + 6 → Thu 26 Dec Boxing Day → Fri 27 Dec")]
    [InlineData("2024-02-05", "2024-02-05..2024-02-05", "2024-03-06", "asked and answered the same day: that day does not count, Tue 5 Mar + 1 → Wed 6 Mar")]
    [InlineData("2024-01-10", "2024-01-15..2024-01-22 2024-01-23..2024-01-25", "2024-02-23", "back to back: Mon 12 Feb + 8 + 3 → Fri 23 Feb")]
    [InlineData("2025-03-10", "2025-03-12..2025-03-17 2025-03-31..2025-04-07 2025-04-09..2025-04-10", "2025-04-28",
        "three pauses: Thu 10 Apr + 6 + 8 + 2 → Sat 26 Apr → Mon 28 Apr")]
    [InlineData("2025-03-10", "2025-03-12..2025-03-20", "2025-04-22", "Thu 10 Apr + 9 → Sat 19 Apr, Sun 20, Mon 21 Easter Monday → Tue 22 Apr")]
    [InlineData("2024-01-10", "2024-02-12..2024-02-14", "2024-02-15", "asked on the deadline day Mon 12 Feb: + 3 → Thu 15 Feb")]
    [InlineData("2024-01-10", "2024-01-23..2024-01-25 2024-01-15..2024-01-22", "2024-02-23", "pauses given out of order count the same")]
    public void Compute_WithPauses_AddsPausedDaysToWorkingDayDeadline(string start, string pauses, string expectedDue, string why)
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D(start)), Pauses(pauses));

        deadline.DueDate.Should().Be(D(expectedDue), why);
        deadline.IsClockStopped.Should().BeFalse();
    }

    [Theory]
    [InlineData("2024-01-31", "2@2024-02-10", "", 3, "2024-04-30", "3 months: Tue 30 Apr (no 31 April)")]
    [InlineData("2024-01-31", "1@2024-02-10", "", 2, "2024-04-02", "2 months: Sun 31 Mar Easter Day, Mon 1 Apr Easter Monday → Tue 2 Apr")]
    [InlineData("2023-10-31", "1@2023-11-15", "", 2, "2024-01-02", "2 months: Sun 31 Dec, Mon 1 Jan → Tue 2 Jan")]
    [InlineData("2023-10-31", "2@2023-11-15", "", 3, "2024-01-31", "3 months: Wed 31 Jan")]
    [InlineData("2027-11-30", "2@2027-12-10", "", 3, "2028-02-29", "3 months: no 30 February, leap 2028: Tue 29 Feb")]
    [InlineData("2025-01-31", "2@2025-01-31", "", 3, "2025-04-30", "decided on the start day: Wed 30 Apr")]
    [InlineData("2024-01-10", "2@2024-02-12", "", 3, "2024-04-10", "decided on the original deadline Mon 12 Feb: Wed 10 Apr")]
    [InlineData("2024-01-31", "1@2024-02-05 1@2024-02-20", "", 3, "2024-04-30", "two extensions of 1 month: Tue 30 Apr")]
    [InlineData("2023-11-27", "2@2023-12-15", "2023-12-01..2023-12-04", 3, "2024-03-04", "Tue 27 Feb + 4 → Sat 2 Mar → Mon 4 Mar")]
    [InlineData("2024-01-10", "1@2024-02-16", "2024-01-15..2024-01-22", 2, "2024-03-19",
        "first month ran to Tue 20 Feb thanks to the pause; 2 months: Sun 10 Mar → Mon 11 Mar, + 8 → Tue 19 Mar")]
    [InlineData("2024-01-10", "1@2024-02-15", "2024-02-08..2024-02-20", 2, "2024-03-25",
        "told while the clock was stopped: Mon 11 Mar + 13 → Sun 24 Mar → Mon 25 Mar")]
    [InlineData("2024-01-10", "1@2024-01-20", "2024-02-20..2024-02-22", 2, "2024-03-14",
        "pause in the extended second month: Mon 11 Mar + 3 → Thu 14 Mar")]
    public void Compute_WithExtension_CountsMonthsFromClockStart(
        string start, string extensions, string pauses, int expectedMonths, string expectedDue, string why)
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D(start)), Pauses(pauses), Extensions(extensions));

        deadline.DueDate.Should().Be(D(expectedDue), why);
        deadline.Months.Should().Be(expectedMonths);
    }

    [Theory]
    [InlineData("2024-01-10", "1@2024-02-13", "", DeadlineRuleViolation.ExtensionAfterFirstMonth)]
    [InlineData("2024-01-10", "2@2024-03-01", "", DeadlineRuleViolation.ExtensionAfterFirstMonth)]
    [InlineData("2024-01-10", "1@2024-02-21", "2024-01-15..2024-01-22", DeadlineRuleViolation.ExtensionAfterFirstMonth)] // first month: Mon 12 Feb + 8 → Tue 20 Feb
    [InlineData("2024-01-10", "3@2024-01-20", "", DeadlineRuleViolation.ExtensionBeyondLimit)]
    [InlineData("2024-01-10", "1@2024-01-20 2@2024-01-25", "", DeadlineRuleViolation.ExtensionBeyondLimit)]
    [InlineData("2024-01-10", "2@2024-01-20 1@2024-01-25", "", DeadlineRuleViolation.ExtensionBeyondLimit)]
    [InlineData("2024-01-10", "0@2024-01-20", "", DeadlineRuleViolation.ExtensionNotPositive)]
    [InlineData("2024-01-10", "-1@2024-01-20", "", DeadlineRuleViolation.ExtensionNotPositive)]
    [InlineData("2024-01-10", "1@2024-01-09", "", DeadlineRuleViolation.ExtensionBeforeClockStart)]
    [InlineData("2024-01-10", "", "2024-01-09..2024-01-12", DeadlineRuleViolation.PauseBeforeClockStart)]
    [InlineData("2024-01-10", "", "2024-01-15..2024-01-12", DeadlineRuleViolation.PauseEndsBeforeItBegins)]
    [InlineData("2024-01-10", "", "2024-01-15..2024-01-22 2024-01-20..2024-01-25", DeadlineRuleViolation.PausesOverlap)]
    [InlineData("2024-01-10", "", "2024-01-15..2024-01-22 2024-01-22..2024-01-25", DeadlineRuleViolation.PausesOverlap)] // 22 Jan would count twice
    [InlineData("2024-01-10", "", "2024-01-15.. 2024-01-20..2024-01-25", DeadlineRuleViolation.PausesOverlap)]
    [InlineData("2024-01-10", "", "2024-02-13..2024-02-15", DeadlineRuleViolation.PauseAfterDeadline)]
    [InlineData("2024-01-10", "1@2024-02-25", "2024-02-20..2024-02-22", DeadlineRuleViolation.PauseAfterDeadline)]
    public void Compute_BrokenRule_RefusedWithViolation(string start, string extensions, string pauses, DeadlineRuleViolation expected)
    {
        var compute = () => _calculator.Compute(ClockStart.OnReceipt(D(start)), Pauses(pauses), Extensions(extensions));

        compute.Should().Throw<DeadlineRuleException>().Which.Violation.Should().Be(expected);
    }

    [Fact]
    public void Compute_ExtensionWithoutReason_RefusedAskingForOne()
    {
        var extension = new DeadlineExtension(1, "  ", D("2024-01-20"));

        var compute = () => _calculator.Compute(ClockStart.OnReceipt(D("2024-01-10")), [], [extension]);

        compute.Should().Throw<DeadlineRuleException>()
            .Where(e => e.Violation == DeadlineRuleViolation.ExtensionWithoutReason)
            .WithMessage("*needs a reason*");
    }

    [Fact]
    public void Extend_AfterFirstMonth_MessageSaysWhenItEndedAndWhatToDo()
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D("2024-01-10")), []);

        // Received Wed 10 Jan 2024: the first month ends Sat 10 Feb → Mon 12 Feb. Told on Tue 13 Feb: too late.
        var extend = () => _calculator.Extend(deadline, new DeadlineExtension(1, "complex request", D("2024-02-13"), ToldOn: D("2024-02-13")));

        extend.Should().Throw<DeadlineRuleException>()
            .Where(e => e.Violation == DeadlineRuleViolation.ExtensionAfterFirstMonth)
            .WithMessage("Extension told to the requester on 2024-02-13, after the first month ended on 2024-02-12*respond as soon as possible.");
    }

    [Fact]
    public void Extend_DecidedInTimeButNeverTold_NotInEffectAndExplained()
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D("2024-01-10")), []);

        var extended = _calculator.Extend(deadline, new DeadlineExtension(1, "complex", D("2024-02-01"), "four archives"));

        extended.DueDate.Should().Be(D("2024-02-12")); // the original deadline: Sat 10 Feb → Mon 12 Feb
        extended.Months.Should().Be(1);
        extended.Explanation.Should().Contain(
            "An extension by 1 month (complex (four archives)) decided on Thursday 1 February 2024 is not in effect: the requester has not been told yet.");
    }

    [Fact]
    public void Extend_BeyondTwoMonthsInTotal_MessageSaysHowMuchIsLeft()
    {
        var start = ClockStart.OnReceipt(D("2024-01-10"));
        var once = _calculator.Extend(_calculator.Compute(start, []), new DeadlineExtension(1, "complex request", D("2024-01-15")));

        var extend = () => _calculator.Extend(once, new DeadlineExtension(2, "still complex", D("2024-01-20")));

        extend.Should().Throw<DeadlineRuleException>()
            .Where(e => e.Violation == DeadlineRuleViolation.ExtensionBeyondLimit)
            .WithMessage("*would make the period 4 months*at most 2 extra months (3 in total)*Extend by at most 1 month more.");
    }

    [Fact]
    public void Extend_WithinFirstMonth_KeepsEarlierExtensionAndReason()
    {
        var start = ClockStart.OnReceipt(D("2024-01-31"));
        var deadline = _calculator.Compute(start, []);

        var extended = _calculator.Extend(deadline, new DeadlineExtension(2, "several related requests", D("2024-02-10"), ToldOn: D("2024-02-10")));

        extended.DueDate.Should().Be(D("2024-04-30"));
        extended.Extensions.Should().ContainSingle().Which.Reason.Should().Be("several related requests");
        extended.Explanation.Should().Contain("Extended by 2 months (several related requests), told to the requester on Saturday 10 February 2024.");
    }

    [Fact]
    public void Compute_OpenPause_HasNoDueDateUntilResumed()
    {
        var start = ClockStart.OnReceipt(D("2024-01-10"));

        var stopped = _calculator.StopClock(_calculator.Compute(start, []), D("2024-01-15"));

        stopped.IsClockStopped.Should().BeTrue();
        stopped.DueDate.Should().BeNull();
        stopped.DaysLeft(D("2024-01-20")).Should().BeNull();
        stopped.Explanation.Should().Contain(line => line.StartsWith("The clock has been stopped since Monday 15 January 2024", StringComparison.Ordinal));

        var resumed = _calculator.ResumeClock(stopped, D("2024-01-22"));

        resumed.DueDate.Should().Be(D("2024-02-20")); // Sat 10 Feb → Mon 12 Feb, + 8 (15 to 22 Jan, both included) → Tue 20 Feb
        resumed.PausedDays.Should().Be(8);
    }

    [Fact]
    public void Extend_WhileClockStopped_AllowedAndStillNoDueDate()
    {
        var start = ClockStart.OnReceipt(D("2024-01-10"));
        var stopped = _calculator.Compute(start, [new ClockPause(D("2024-02-05"))]);

        var extended = _calculator.Extend(stopped, new DeadlineExtension(1, "complex request", D("2024-02-15"), ToldOn: D("2024-02-15")));

        extended.Months.Should().Be(2);
        extended.DueDate.Should().BeNull();
    }

    [Fact]
    public void StopClock_AlreadyStopped_Refused()
    {
        var stopped = _calculator.Compute(ClockStart.OnReceipt(D("2024-01-10")), [new ClockPause(D("2024-01-15"))]);

        var stop = () => _calculator.StopClock(stopped, D("2024-01-16"));

        stop.Should().Throw<DeadlineRuleException>().Which.Violation.Should().Be(DeadlineRuleViolation.ClockAlreadyStopped);
    }

    [Fact]
    public void ResumeClock_ClockRunning_Refused()
    {
        var running = _calculator.Compute(ClockStart.OnReceipt(D("2024-01-10")), []);

        var resume = () => _calculator.ResumeClock(running, D("2024-01-16"));

        resume.Should().Throw<DeadlineRuleException>().Which.Violation.Should().Be(DeadlineRuleViolation.ClockNotStopped);
    }

    [Fact]
    public void Compute_IdentityVerifiedStart_CountsFromVerificationDay()
    {
        var start = ClockStart.Determine(D("2024-01-05"), identityVerificationRequested: true, D("2024-01-12"));

        var deadline = _calculator.Compute(start!.Value, []);

        deadline.DueDate.Should().Be(D("2024-02-12")); // Mon 12 Feb
        deadline.Explanation[0].Should().Be("The clock started with the identity information received on Friday 12 January 2024.");
    }

    [Theory]
    // Failed before with "no data for 2029-01-01" (the old table ended in 2028):
    [InlineData("2028-12-01", "2029-01-02")] // Mon 1 Jan 2029 New Year's Day → Tue 2 Jan
    [InlineData("2028-11-30", "2029-01-02")] // Sat 30 Dec, Sun 31 Dec, Mon 1 Jan 2029 New Year's Day → Tue 2 Jan
    [InlineData("2099-11-30", "2099-12-30")] // Wed 30 Dec 2099: any year works
    public void Compute_DeadlineInAYearTheOldTableDidNotCover_Computed(string start, string due)
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D(start)), []);

        deadline.DueDate.Should().Be(D(due));
    }

    [Fact]
    public void Compute_MonthEndAndMoves_ExplainedStepByStep()
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D("2027-01-31")), []);

        deadline.BaseDate.Should().Be(D("2027-02-28"));
        deadline.BaseDateIsLastDayOfShorterMonth.Should().BeTrue();
        deadline.MovedPast.Should().Equal(new NonWorkingDay(D("2027-02-28"), "weekend"));
        deadline.Explanation.Should().Equal(
            "The clock started with the request received on Sunday 31 January 2027.",
            "1 month from the clock start is Sunday 28 February 2027, the last day of the month, as February 2027 has no day 31.",
            "Sunday 28 February 2027 is not a working day (weekend), so the deadline moves to the next day.",
            "Due on Monday 1 March 2027.");
    }

    [Fact]
    public void Compute_HolidaysAndPauses_ExplanationNamesHolidaysAndPausedDays()
    {
        var deadline = _calculator.Compute(ClockStart.OnReceipt(D("2024-11-20")), Pauses("2024-11-25..2024-11-30"));

        deadline.MovedPast.Should().Equal(new NonWorkingDay(D("2024-12-26"), "public holiday: Boxing Day"));
        deadline.Explanation.Should().Equal(
            "The clock started with the request received on Wednesday 20 November 2024.",
            "1 month from the clock start is Friday 20 December 2024.",
            "The clock was stopped from Monday 25 November 2024 to Saturday 30 November 2024 awaiting clarification: 6 days, both days included (Art. 12A).",
            "Friday 20 December 2024 plus 6 days for the pauses is Thursday 26 December 2024.",
            "Thursday 26 December 2024 is not a working day (public holiday: Boxing Day), so the deadline moves to the next day.",
            "Due on Friday 27 December 2024.");
    }

    [Fact]
    public void Compute_PluggedCalendar_UsesItsHolidays()
    {
        var calendar = new SingleHolidayCalendar(new PublicHoliday(D("2024-03-12"), "Company day"));
        var calculator = new DeadlineCalculator(calendar);

        var deadline = calculator.Compute(ClockStart.OnReceipt(D("2024-02-12")), []);

        deadline.DueDate.Should().Be(D("2024-03-13")); // Tue 12 Mar is the plugged holiday → Wed 13 Mar
    }

    private sealed class SingleHolidayCalendar(PublicHoliday holiday) : IHolidayCalendar
    {
        public string Name => "test calendar";

        public PublicHoliday? FindHoliday(DateOnly date) => date == holiday.Date ? holiday : null;
    }
}
