namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// A holiday calendar was asked about a day it has no data for. Treating such a day as "no holiday"
/// could produce a deadline on a bank holiday, so this is an error that asks for the data to be extended.
/// </summary>
public sealed class HolidayCalendarCoverageException(string calendarName, DateOnly date, DateOnly coveredFrom, DateOnly coveredTo)
    : Exception(
        $"{calendarName} has no data for {DateText.Iso(date)}: it covers {DateText.Iso(coveredFrom)} to {DateText.Iso(coveredTo)}. "
        + "Add that year's holidays to the calendar data and extend its covered years.")
{
    public string CalendarName { get; } = calendarName;

    public DateOnly Date { get; } = date;

    public DateOnly CoveredFrom { get; } = coveredFrom;

    public DateOnly CoveredTo { get; } = coveredTo;
}
