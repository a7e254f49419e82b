namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// Public holidays of one jurisdiction, for an explicit range of dates. A deadline may only be
/// computed inside that range: outside it the calendar cannot tell a holiday from a working day.
/// </summary>
public interface IHolidayCalendar
{
    /// <summary>Readable name, e.g. "England and Wales bank holidays".</summary>
    string Name { get; }

    /// <summary>First day the calendar knows about.</summary>
    DateOnly CoveredFrom { get; }

    /// <summary>Last day the calendar knows about.</summary>
    DateOnly CoveredTo { get; }

    /// <summary>The public holiday on <paramref name="date"/>, or null when it is not one.</summary>
    /// <exception cref="HolidayCalendarCoverageException">The date is outside the covered range.</exception>
    PublicHoliday? FindHoliday(DateOnly date);
}

/// <summary>One public holiday, e.g. 2022-09-19 "Bank holiday for the State Funeral of Queen Elizabeth II".</summary>
public sealed record PublicHoliday(DateOnly Date, string Name);
