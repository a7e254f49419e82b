using System.Globalization;

namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// Computes the response deadline of an erasure request (UK GDPR Art. 12(3), ICO guidance; the month
/// rule of EU Regulation 1182/71):
/// <list type="number">
/// <item>Clock start plus one month (plus extension months): the same day number in the target month, or
/// that month's last day when it has no such day (31 January → 28/29 February).</item>
/// <item>Moved forward past Saturdays, Sundays and public holidays to the next working day: the deadline
/// as it stands without pauses.</item>
/// <item>Plus the calendar days the clock was stopped awaiting clarification, moved again to a working day.</item>
/// </list>
/// Paused days are added to the working-day deadline, not to the raw date, so the time left when the clock
/// stopped is kept: clarification asked for on a deadline that had moved from Saturday to Monday still
/// leaves that Monday's worth of time after the clock restarts.
/// </summary>
public sealed class DeadlineCalculator(IHolidayCalendar holidays)
{
    public IHolidayCalendar Holidays { get; } = holidays;

    /// <summary>The deadline without extensions.</summary>
    public Deadline Compute(ClockStart start, IReadOnlyList<ClockPause> pauses) => Compute(start, pauses, []);

    /// <summary>The deadline from the recorded facts; pauses may come in any order.</summary>
    /// <exception cref="DeadlineRuleException">A pause or extension the rules do not allow.</exception>
    public Deadline Compute(ClockStart start, IReadOnlyList<ClockPause> pauses, IReadOnlyList<DeadlineExtension> extensions)
    {
        var ordered = pauses.OrderBy(p => p.From).ToList();
        ValidateExtensionShapes(start, extensions);
        var inEffect = extensions.Where(e => e.IsInEffect).ToList();
        ValidatePauses(start, ordered, inEffect);
        foreach (var extension in inEffect)
        {
            ValidateExtensionTiming(start, ordered, extension);
        }

        return Build(start, ordered, extensions);
    }

    /// <summary>
    /// Adds an extension, in effect only when told to the requester within the first month, and up to 2 extra months
    /// in total; an untold one is recorded and moves nothing.
    /// </summary>
    /// <exception cref="DeadlineRuleException">The extension is refused; the message says why and what to do.</exception>
    public Deadline Extend(Deadline current, DeadlineExtension extension) =>
        Compute(current.Start, current.Pauses, [.. current.Extensions, extension]);

    /// <summary>Stops the clock on <paramref name="askedOn"/>, the day clarification was asked for.</summary>
    public Deadline StopClock(Deadline current, DateOnly askedOn, string? reason = null)
    {
        if (current.IsClockStopped)
        {
            throw new DeadlineRuleException(
                DeadlineRuleViolation.ClockAlreadyStopped,
                $"The clock is already stopped since {DateText.Iso(current.Pauses[^1].From)}; "
                + "resume it on the day the clarification arrives before stopping it again.");
        }

        return Compute(current.Start, [.. current.Pauses, new ClockPause(askedOn, null, reason)], current.Extensions);
    }

    /// <summary>Restarts the clock on <paramref name="clarifiedOn"/>, the day the clarification arrived.</summary>
    public Deadline ResumeClock(Deadline current, DateOnly clarifiedOn)
    {
        if (!current.IsClockStopped)
        {
            throw new DeadlineRuleException(
                DeadlineRuleViolation.ClockNotStopped,
                "The clock is running, so there is nothing to resume; stop it first when asking for clarification.");
        }

        var pauses = current.Pauses.ToList();
        pauses[^1] = pauses[^1] with { Until = clarifiedOn };
        return Compute(current.Start, pauses, current.Extensions);
    }

    private static void ValidateExtensionShapes(ClockStart start, IReadOnlyList<DeadlineExtension> extensions)
    {
        foreach (var extension in extensions)
        {
            if (extension.Months < 1)
            {
                throw new DeadlineRuleException(
                    DeadlineRuleViolation.ExtensionNotPositive,
                    $"An extension of {extension.Months} months is not an extension; extend by 1 or 2 months.");
            }

            if (string.IsNullOrWhiteSpace(extension.Reason))
            {
                throw new DeadlineRuleException(
                    DeadlineRuleViolation.ExtensionWithoutReason,
                    "An extension needs a reason (e.g. the request is complex, or one of several from the same person); "
                    + "state it, as it must be given to the requester.");
            }

            if (extension.DecidedOn < start.Date)
            {
                throw new DeadlineRuleException(
                    DeadlineRuleViolation.ExtensionBeforeClockStart,
                    $"Extension decided on {DateText.Iso(extension.DecidedOn)}, before the clock started on {DateText.Iso(start.Date)}; "
                    + "check the decision date.");
            }

            if (extension.ToldOn < extension.DecidedOn)
            {
                throw new DeadlineRuleException(
                    DeadlineRuleViolation.ExtensionBeforeClockStart,
                    $"Extension told on {DateText.Iso(extension.ToldOn.Value)}, before it was decided on {DateText.Iso(extension.DecidedOn)}; "
                    + "check the dates.");
            }
        }

        var total = extensions.Sum(e => e.Months);
        if (total > DeadlinePolicy.MaxExtensionMonths)
        {
            var earlier = total - extensions[^1].Months;
            throw new DeadlineRuleException(
                DeadlineRuleViolation.ExtensionBeyondLimit,
                $"Extensions totalling {total} months would make the period {DeadlinePolicy.FirstPeriodMonths + total} months; "
                + $"at most {DeadlinePolicy.MaxExtensionMonths} extra months ({DeadlinePolicy.FirstPeriodMonths + DeadlinePolicy.MaxExtensionMonths} in total) are allowed. "
                + (earlier >= DeadlinePolicy.MaxExtensionMonths
                    ? "No further extension is possible; respond by the current deadline."
                    : $"Extend by at most {MonthsText(DeadlinePolicy.MaxExtensionMonths - earlier)} more."));
        }
    }

    private void ValidatePauses(ClockStart start, List<ClockPause> ordered, IReadOnlyList<DeadlineExtension> extensions)
    {
        var pausedSoFar = 0;
        ClockPause? previous = null;
        foreach (var pause in ordered)
        {
            if (pause.From < start.Date)
            {
                throw new DeadlineRuleException(
                    DeadlineRuleViolation.PauseBeforeClockStart,
                    $"Clock pause from {DateText.Iso(pause.From)} begins before the clock started on {DateText.Iso(start.Date)}; "
                    + "only a running clock can be stopped. Check the day clarification was asked for.");
            }

            if (pause.Until < pause.From)
            {
                throw new DeadlineRuleException(
                    DeadlineRuleViolation.PauseEndsBeforeItBegins,
                    $"Clock pause from {DateText.Iso(pause.From)} ends on {DateText.Iso(pause.Until.Value)}, before it begins; "
                    + "its end is the day the clarification arrived, on or after the day it was asked for.");
            }

            if (previous is not null)
            {
                if (previous.Until is null)
                {
                    throw new DeadlineRuleException(
                        DeadlineRuleViolation.PausesOverlap,
                        $"Clock pause from {DateText.Iso(pause.From)} begins while the pause from {DateText.Iso(previous.From)} is still open; "
                        + "record the day that clarification arrived first.");
                }

                if (previous.Until >= pause.From)
                {
                    throw new DeadlineRuleException(
                        DeadlineRuleViolation.PausesOverlap,
                        $"Clock pauses {DateText.Iso(previous.From)} to {DateText.Iso(previous.Until.Value)} and from {DateText.Iso(pause.From)} overlap, "
                        + "which would count the same days twice (both ends of a pause are excluded); merge or correct them.");
                }
            }

            // Only extensions already in effect (told) when the pause began can have kept the clock running that long.
            var months = DeadlinePolicy.FirstPeriodMonths + extensions.Where(e => e.ToldOn <= pause.From).Sum(e => e.Months);
            var due = DueDate(start, months, pausedSoFar, skipped: null);
            if (pause.From > due)
            {
                throw new DeadlineRuleException(
                    DeadlineRuleViolation.PauseAfterDeadline,
                    $"Clock pause from {DateText.Iso(pause.From)} begins after the deadline of {DateText.Iso(due)} had passed; "
                    + "a clarification request cannot stop a clock that has run out. Respond now, or check the dates.");
            }

            pausedSoFar += pause.Days;
            previous = pause;
        }
    }

    private void ValidateExtensionTiming(ClockStart start, List<ClockPause> ordered, DeadlineExtension extension)
    {
        var toldOn = extension.ToldOn!.Value;
        var pausedSoFar = 0;
        foreach (var pause in ordered)
        {
            var firstMonthEnd = DueDate(start, DeadlinePolicy.FirstPeriodMonths, pausedSoFar, skipped: null);
            if (pause.From > toldOn || pause.From > firstMonthEnd)
            {
                break;
            }

            // Told while a pause that began in the first month still stopped the clock: the first month had not run out.
            if (pause.Until is null || pause.Until >= toldOn)
            {
                return;
            }

            pausedSoFar += pause.Days;
        }

        var originalDue = DueDate(start, DeadlinePolicy.FirstPeriodMonths, pausedSoFar, skipped: null);
        if (toldOn > originalDue)
        {
            throw new DeadlineRuleException(
                DeadlineRuleViolation.ExtensionAfterFirstMonth,
                $"Extension told to the requester on {DateText.Iso(toldOn)}, after the first month ended on {DateText.Iso(originalDue)} "
                + "(the original deadline). Art. 12(3): the requester must be told of an extension, with the reasons, within one month "
                + "of receipt; the request is due on its original date, so respond as soon as possible.");
        }
    }

    private Deadline Build(ClockStart start, List<ClockPause> ordered, IReadOnlyList<DeadlineExtension> extensions)
    {
        var months = DeadlinePolicy.FirstPeriodMonths + extensions.Where(e => e.IsInEffect).Sum(e => e.Months);
        var baseDate = start.Date.AddMonths(months); // DateOnly.AddMonths already clamps to the month's last day
        var clamped = baseDate.Day != start.Date.Day;
        var explanation = new List<string> { $"The clock started with the {start.Describe()}." };
        foreach (var extension in extensions)
        {
            var why = extension.Reason.Trim() + (string.IsNullOrWhiteSpace(extension.Detail) ? string.Empty : $" ({extension.Detail.Trim()})");
            explanation.Add(extension.ToldOn is { } told
                ? $"Extended by {MonthsText(extension.Months)} ({why}), told to the requester on {DateText.Long(told)}."
                : $"An extension by {MonthsText(extension.Months)} ({why}) decided on {DateText.Long(extension.DecidedOn)} is not in effect: the requester has not been told yet.");
        }

        explanation.Add(
            $"{MonthsText(months)} from the clock start is {DateText.Long(baseDate)}"
            + (clamped
                ? $", the last day of the month, as {baseDate.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} has no day {start.Date.Day}."
                : "."));

        if (ordered.Count > 0 && ordered[^1].IsOpen)
        {
            ExplainPauses(explanation, ordered);
            return new Deadline(start, months, extensions, ordered, baseDate, clamped, null, [], explanation);
        }

        var movedPast = new List<NonWorkingDay>();
        var due = NextWorkingDay(baseDate, movedPast);
        ExplainMoves(explanation, movedPast, 0);
        var pausedDays = ordered.Sum(p => p.Days);
        if (ordered.Count > 0)
        {
            ExplainPauses(explanation, ordered);
            var resumed = due.AddDays(pausedDays);
            explanation.Add($"{DateText.Long(due)} plus {DaysText(pausedDays)} for the pauses is {DateText.Long(resumed)}.");
            var movedBefore = movedPast.Count;
            due = NextWorkingDay(resumed, movedPast);
            ExplainMoves(explanation, movedPast, movedBefore);
        }

        explanation.Add($"Due on {DateText.Long(due)}.");
        return new Deadline(start, months, extensions, ordered, baseDate, clamped, due, movedPast, explanation);
    }

    private static void ExplainPauses(List<string> explanation, List<ClockPause> ordered) =>
        explanation.AddRange(ordered.Select(pause => pause.Until is { } until
            ? $"The clock was stopped from {DateText.Long(pause.From)} to {DateText.Long(until)} awaiting clarification{(pause.Reason is null ? string.Empty : $" ({pause.Reason})")}: {DaysText(pause.Days)}, both days included (Art. 12A)."
            : $"The clock has been stopped since {DateText.Long(pause.From)} awaiting clarification: no deadline runs until it arrives, "
              + "and the paused days will then be added."));

    private static void ExplainMoves(List<string> explanation, List<NonWorkingDay> movedPast, int from) =>
        explanation.AddRange(movedPast.Skip(from).Select(day =>
            $"{DateText.Long(day.Date)} is not a working day ({day.Reason}), so the deadline moves to the next day."));

    /// <summary>The due date for a period of <paramref name="months"/> with <paramref name="pausedDays"/>, as described on the class.</summary>
    private DateOnly DueDate(ClockStart start, int months, int pausedDays, List<NonWorkingDay>? skipped)
    {
        var unpaused = NextWorkingDay(start.Date.AddMonths(months), skipped);
        return pausedDays == 0 ? unpaused : NextWorkingDay(unpaused.AddDays(pausedDays), skipped);
    }

    /// <summary>The first working day on or after <paramref name="day"/>; records the days skipped when asked.</summary>
    private DateOnly NextWorkingDay(DateOnly day, List<NonWorkingDay>? skipped)
    {
        while (true)
        {
            var reason = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
                ? "weekend"
                : Holidays.FindHoliday(day) is { } holiday ? $"public holiday: {holiday.Name}" : null;
            if (reason is null)
            {
                return day;
            }

            skipped?.Add(new NonWorkingDay(day, reason));
            day = day.AddDays(1);
        }
    }

    private static string MonthsText(int months) => months == 1 ? "1 month" : $"{months} months";

    private static string DaysText(int days) => days == 1 ? "1 day" : $"{days} days";
}
