namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// The computed response deadline of one request, with every fact that produced it and an
/// explanation an officer can read. Built by <see cref="DeadlineCalculator"/>.
/// </summary>
/// <remarks>
/// While a pause is open (clarification still awaited) there is no due date: the clock is stopped and
/// the number of days to add is unknown until the clarification arrives. A date computed "as if resumed
/// today" would move every day and look like a real deadline, so none is given.
/// </remarks>
public sealed class Deadline
{
    internal Deadline(
        ClockStart start,
        int months,
        IReadOnlyList<DeadlineExtension> extensions,
        IReadOnlyList<ClockPause> pauses,
        DateOnly baseDate,
        bool baseDateIsLastDayOfShorterMonth,
        DateOnly? dueDate,
        IReadOnlyList<NonWorkingDay> movedPast,
        IReadOnlyList<string> explanation)
    {
        Start = start;
        Months = months;
        // Copied so a caller's list cannot change a computed deadline afterwards.
        Extensions = extensions.ToList().AsReadOnly();
        Pauses = pauses.ToList().AsReadOnly();
        BaseDate = baseDate;
        BaseDateIsLastDayOfShorterMonth = baseDateIsLastDayOfShorterMonth;
        DueDate = dueDate;
        MovedPast = movedPast.ToList().AsReadOnly();
        Explanation = explanation.ToList().AsReadOnly();
    }

    public ClockStart Start { get; }

    /// <summary>Length of the period: 1, plus the extension months (at most 3).</summary>
    public int Months { get; }

    public IReadOnlyList<DeadlineExtension> Extensions { get; }

    /// <summary>Clock pauses in date order; only the last can be open.</summary>
    public IReadOnlyList<ClockPause> Pauses { get; }

    /// <summary>Clock start plus <see cref="Months"/>, before pauses and working-day moves.</summary>
    public DateOnly BaseDate { get; }

    /// <summary>True when the start day does not exist in the target month (31 January → 28/29 February).</summary>
    public bool BaseDateIsLastDayOfShorterMonth { get; }

    /// <summary>Calendar days added for closed pauses.</summary>
    public int PausedDays => Pauses.Sum(p => p.Days);

    /// <summary>True while clarification is awaited; <see cref="DueDate"/> is then null.</summary>
    public bool IsClockStopped => Pauses.Count > 0 && Pauses[^1].IsOpen;

    /// <summary>The last day to respond, always a working day; null while the clock is stopped.</summary>
    public DateOnly? DueDate { get; }

    /// <summary>Weekend days and holidays the deadline was moved past, in date order.</summary>
    public IReadOnlyList<NonWorkingDay> MovedPast { get; }

    /// <summary>How the due date was reached, one sentence per step.</summary>
    public IReadOnlyList<string> Explanation { get; }

    /// <summary>
    /// Calendar days from <paramref name="today"/> to the due date: 0 on the due date, negative once overdue,
    /// null while the clock is stopped.
    /// </summary>
    public int? DaysLeft(DateOnly today) => DueDate is { } due ? due.DayNumber - today.DayNumber : null;

    /// <summary>True when <paramref name="today"/> is after the due date. False while the clock is stopped.</summary>
    public bool IsOverdue(DateOnly today) => DaysLeft(today) < 0;

    public override string ToString() => string.Join('\n', Explanation);
}
