namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// One-off changes made by royal proclamation under s.1(3) of the Banking and Financial Dealings Act 1971: a usual
/// holiday moved (<see cref="Moves"/> set) or an extra one added (<see cref="Moves"/> null). These cannot be computed.
/// </summary>
/// <param name="Moves">The usual holiday's date that moves to <paramref name="Date"/>; null for an extra holiday.</param>
/// <param name="Date">The day that is a bank holiday instead, or in addition.</param>
/// <param name="Name">Its name as gov.uk lists it.</param>
/// <param name="Where">The jurisdictions the proclamation covers.</param>
public sealed record ProclaimedHoliday(DateOnly? Moves, DateOnly Date, string Name, IReadOnlyList<UkJurisdiction> Where);

/// <summary>
/// The proclaimed one-offs since 1995. Sources: gov.uk/bank-holidays (2018 onwards, the JSON at
/// https://www.gov.uk/bank-holidays.json), the London Gazette's proclamations, and for earlier years the
/// proclamations as reported (1995 VE day, 1999 millennium, 2002 golden jubilee, 2011 royal wedding, 2012 diamond
/// jubilee). A new proclamation (they come months ahead) is one line here, with its test.
/// </summary>
public static class ProclaimedHolidays
{
    private static readonly UkJurisdiction[] All = [UkJurisdiction.EnglandAndWales, UkJurisdiction.Scotland, UkJurisdiction.NorthernIreland];

    public static IReadOnlyList<ProclaimedHoliday> Table { get; } =
    [
        // 50th anniversary of VE day: the early May bank holiday moved from Monday 1 May.
        new(D(1995, 5, 1), D(1995, 5, 8), "Early May bank holiday (VE day)", All),
        new(null, D(1999, 12, 31), "Millennium bank holiday", All),
        // Golden jubilee: spring bank holiday moved from Monday 27 May to 4 June, 3 June added.
        new(D(2002, 5, 27), D(2002, 6, 4), "Spring bank holiday", All),
        new(null, D(2002, 6, 3), "Golden Jubilee bank holiday", All),
        new(null, D(2011, 4, 29), "Royal wedding", All),
        // Diamond jubilee: spring bank holiday moved from Monday 28 May to 4 June, 5 June added.
        new(D(2012, 5, 28), D(2012, 6, 4), "Spring bank holiday", All),
        new(null, D(2012, 6, 5), "Queen's Diamond Jubilee", All),
        // 75th anniversary of VE day: early May bank holiday moved from Monday 4 May to Friday 8 May.
        new(D(2020, 5, 4), D(2020, 5, 8), "Early May bank holiday (VE day)", All),
        // Platinum jubilee: spring bank holiday moved from Monday 30 May to Thursday 2 June, Friday 3 June added.
        new(D(2022, 5, 30), D(2022, 6, 2), "Spring bank holiday", All),
        new(null, D(2022, 6, 3), "Platinum Jubilee bank holiday", All),
        new(null, D(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II", All),
        new(null, D(2023, 5, 8), "Bank holiday for the coronation of King Charles III", All),
        // Proclaimed 4 February 2026 for Scotland only (the men's team's first World Cup match since 1998).
        new(null, D(2026, 6, 15), "World Cup bank holiday", [UkJurisdiction.Scotland]),
    ];

    private static DateOnly D(int year, int month, int day) => new(year, month, day);
}
