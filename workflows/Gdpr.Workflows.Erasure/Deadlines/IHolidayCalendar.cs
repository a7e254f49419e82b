namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>Public holidays of one jurisdiction.</summary>
public interface IHolidayCalendar
{
    /// <summary>Readable name, e.g. "England and Wales bank holidays".</summary>
    string Name { get; }

    /// <summary>The public holiday on <paramref name="date"/>, or null when it is not one.</summary>
    PublicHoliday? FindHoliday(DateOnly date);
}

/// <summary>One public holiday, e.g. 2022-09-19 "Bank holiday for the State Funeral of Queen Elizabeth II".</summary>
public sealed record PublicHoliday(DateOnly Date, string Name);
