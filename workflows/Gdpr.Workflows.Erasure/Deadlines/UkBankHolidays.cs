namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// The bank holidays of one UK jurisdiction computed from their rules, for any year from <see cref="FirstYear"/>:
/// <list type="bullet">
/// <item>Banking and Financial Dealings Act 1971, Schedule 1 (https://www.legislation.gov.uk/ukpga/1971/80/schedule/1):
/// England and Wales: Easter Monday, the last Monday in August, 26 December (27 December when the 25th or 26th is a
/// Sunday). Scotland: New Year's Day, 2 January, Good Friday, the first Monday in May and in August, Christmas Day.
/// Northern Ireland: 17 March, Easter Monday, the last Monday in August, 26 December.</item>
/// <item>Proclaimed every year under s.1(3) and listed on gov.uk/bank-holidays: New Year's Day (England, Wales, NI),
/// the early May bank holiday (first Monday in May, since 1978), the spring bank holiday (last Monday in May), 12 July
/// in Northern Ireland, Boxing Day in Scotland; Good Friday and Christmas Day are common-law holidays in England, Wales
/// and Northern Ireland.</item>
/// <item>St Andrew's Day, 30 November, in Scotland since 2007 (St Andrew's Day Bank Holiday (Scotland) Act 2007).</item>
/// <item>Substitute days: a holiday on a Saturday or Sunday moves to the next weekday that is not already a holiday
/// (gov.uk's "substitute day"; Christmas on a Sunday: 26th Boxing Day, 27th substitute).</item>
/// <item>The one-offs of <see cref="ProclaimedHolidays"/> (moved May days, jubilees, coronation, funeral...).</item>
/// </list>
/// </summary>
public static class UkBankHolidays
{
    /// <summary>The first year the rules above describe: the early May bank holiday began in 1978.</summary>
    public const int FirstYear = 1978;

    /// <summary>The year St Andrew's Day became a Scottish bank holiday.</summary>
    public const int StAndrewsDayFrom = 2007;

    /// <summary>Every bank holiday of <paramref name="jurisdiction"/> in <paramref name="year"/>, in date order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is before <see cref="FirstYear"/> or after 9998.</exception>
    public static IReadOnlyList<PublicHoliday> For(UkJurisdiction jurisdiction, int year)
    {
        if (year is < FirstYear or > 9998)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"UK bank holidays are computed for {FirstYear} to 9998.");
        }

        var usual = Usual(jurisdiction, year);
        var proclaimed = ProclaimedHolidays.Table.Where(p => p.Where.Contains(jurisdiction) && (p.Date.Year == year || p.Moves?.Year == year)).ToList();
        foreach (var change in proclaimed.Where(p => p.Moves is not null))
        {
            usual.RemoveAll(h => h.Date == change.Moves);
        }

        var placed = Substitute(usual);
        placed.AddRange(proclaimed.Where(p => p.Date.Year == year).Select(p => new PublicHoliday(p.Date, p.Name)));
        return placed.OrderBy(h => h.Date).ToList();
    }

    /// <summary>The usual holidays on their nominal dates, before substitute days.</summary>
    private static List<PublicHoliday> Usual(UkJurisdiction jurisdiction, int year)
    {
        var easter = Easter.Sunday(year);
        var days = new List<PublicHoliday> { new(new DateOnly(year, 1, 1), "New Year's Day") };
        if (jurisdiction == UkJurisdiction.Scotland)
        {
            days.Add(new(new DateOnly(year, 1, 2), "2nd January"));
        }

        if (jurisdiction == UkJurisdiction.NorthernIreland)
        {
            days.Add(new(new DateOnly(year, 3, 17), "St Patrick's Day"));
        }

        days.Add(new(easter.AddDays(-2), "Good Friday"));
        if (jurisdiction != UkJurisdiction.Scotland)
        {
            days.Add(new(easter.AddDays(1), "Easter Monday"));
        }

        days.Add(new(FirstMonday(year, 5), "Early May bank holiday"));
        days.Add(new(LastMonday(year, 5), "Spring bank holiday"));
        if (jurisdiction == UkJurisdiction.NorthernIreland)
        {
            days.Add(new(new DateOnly(year, 7, 12), "Battle of the Boyne (Orangemen's Day)"));
        }

        days.Add(jurisdiction == UkJurisdiction.Scotland
            ? new(FirstMonday(year, 8), "Summer bank holiday")
            : new(LastMonday(year, 8), "Summer bank holiday"));
        if (jurisdiction == UkJurisdiction.Scotland && year >= StAndrewsDayFrom)
        {
            days.Add(new(new DateOnly(year, 11, 30), "St Andrew's Day"));
        }

        days.Add(new(new DateOnly(year, 12, 25), "Christmas Day"));
        days.Add(new(new DateOnly(year, 12, 26), "Boxing Day"));
        return days;
    }

    /// <summary>
    /// Holidays on weekdays stay; each one on a weekend, in date order, moves to the next weekday not already a holiday.
    /// </summary>
    private static List<PublicHoliday> Substitute(List<PublicHoliday> usual)
    {
        var placed = usual.Where(h => !IsWeekend(h.Date)).ToList();
        var taken = placed.Select(h => h.Date).ToHashSet();
        foreach (var holiday in usual.Where(h => IsWeekend(h.Date)).OrderBy(h => h.Date))
        {
            var day = holiday.Date;
            while (IsWeekend(day) || taken.Contains(day))
            {
                day = day.AddDays(1);
            }

            taken.Add(day);
            placed.Add(new PublicHoliday(day, $"{holiday.Name} (substitute day)"));
        }

        return placed;
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        return day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return day.AddDays(-(((int)day.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
