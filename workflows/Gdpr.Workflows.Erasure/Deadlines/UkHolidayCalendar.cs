using System.Collections.Concurrent;

namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// The bank-holiday calendar of one UK jurisdiction, computed by <see cref="UkBankHolidays"/> year by year on first
/// use (no table that ends: any year from 1978 works).
/// </summary>
public sealed class UkHolidayCalendar : IHolidayCalendar
{
    private static readonly ConcurrentDictionary<UkJurisdiction, UkHolidayCalendar> Calendars = new();

    private readonly ConcurrentDictionary<int, Dictionary<DateOnly, PublicHoliday>> _years = new();

    private UkHolidayCalendar(UkJurisdiction jurisdiction) => Jurisdiction = jurisdiction;

    public UkJurisdiction Jurisdiction { get; }

    public string Name => $"{Jurisdiction.DisplayName()} bank holidays";

    /// <summary>The calendar of <paramref name="jurisdiction"/> (one shared instance each).</summary>
    public static UkHolidayCalendar For(UkJurisdiction jurisdiction) => Calendars.GetOrAdd(jurisdiction, j => new UkHolidayCalendar(j));

    /// <exception cref="ArgumentOutOfRangeException">A year before 1978.</exception>
    public PublicHoliday? FindHoliday(DateOnly date) =>
        _years.GetOrAdd(date.Year, year => UkBankHolidays.For(Jurisdiction, year).ToDictionary(h => h.Date)).GetValueOrDefault(date);

    /// <summary>Every holiday of <paramref name="year"/>, in date order.</summary>
    public IReadOnlyList<PublicHoliday> HolidaysIn(int year) => UkBankHolidays.For(Jurisdiction, year);
}
