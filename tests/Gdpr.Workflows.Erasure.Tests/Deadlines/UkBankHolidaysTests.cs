using Gdpr.Workflows.Erasure.Deadlines;
using static Gdpr.Workflows.Erasure.Tests.Deadlines.TestDates;

namespace Gdpr.Workflows.Erasure.Tests.Deadlines;

/// <summary>
/// The computed calendars against the published lists. 2020–2027: GOV.UK "UK bank holidays"
/// (https://www.gov.uk/bank-holidays, the same data as https://www.gov.uk/bank-holidays.json), one list per nation, copied
/// by hand below. 2028–2030 are not published yet: worked by hand from the Banking and Financial Dealings Act 1971,
/// Schedule 1, and the usual proclamation (the weekday of each date is in the comment).
/// </summary>
public class UkBankHolidaysTests
{
    public static TheoryData<UkJurisdiction, int, string> Published => new()
    {
        // England and Wales
        { UkJurisdiction.EnglandAndWales, 2020, "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28" }, // VE day moved May Day; Sat 26 Dec → Mon 28
        { UkJurisdiction.EnglandAndWales, 2021, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28" }, // Sat 25, Sun 26 Dec → Mon 27, Tue 28
        { UkJurisdiction.EnglandAndWales, 2022, "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27" }, // jubilee, funeral
        { UkJurisdiction.EnglandAndWales, 2023, "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26" }, // coronation
        { UkJurisdiction.EnglandAndWales, 2024, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26" },
        { UkJurisdiction.EnglandAndWales, 2025, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26" },
        { UkJurisdiction.EnglandAndWales, 2026, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28" },
        { UkJurisdiction.EnglandAndWales, 2027, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28" }, // Easter Sun 28 Mar 2027
        { UkJurisdiction.EnglandAndWales, 2028, "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26" }, // Sat 1 Jan → Mon 3; Easter Sun 16 Apr
        { UkJurisdiction.EnglandAndWales, 2029, "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26" }, // Easter Sun 1 Apr; Mon 1 Jan
        { UkJurisdiction.EnglandAndWales, 2030, "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26" }, // Easter Sun 21 Apr; Tue 1 Jan
        // Scotland: 2 January, no Easter Monday, first Monday of August, St Andrew's Day
        { UkJurisdiction.Scotland, 2020, "01-01 01-02 04-10 05-08 05-25 08-03 11-30 12-25 12-28" },
        { UkJurisdiction.Scotland, 2021, "01-01 01-04 04-02 05-03 05-31 08-02 11-30 12-27 12-28" }, // Sat 2 Jan → Mon 4
        { UkJurisdiction.Scotland, 2022, "01-03 01-04 04-15 05-02 06-02 06-03 08-01 09-19 11-30 12-26 12-27" },
        { UkJurisdiction.Scotland, 2023, "01-02 01-03 04-07 05-01 05-08 05-29 08-07 11-30 12-25 12-26" }, // Sun 1 Jan: Mon 2, Tue 3
        { UkJurisdiction.Scotland, 2024, "01-01 01-02 03-29 05-06 05-27 08-05 12-02 12-25 12-26" }, // Sat 30 Nov → Mon 2 Dec
        { UkJurisdiction.Scotland, 2025, "01-01 01-02 04-18 05-05 05-26 08-04 12-01 12-25 12-26" }, // Sun 30 Nov → Mon 1 Dec
        { UkJurisdiction.Scotland, 2026, "01-01 01-02 04-03 05-04 05-25 06-15 08-03 11-30 12-25 12-28" }, // World Cup Mon 15 Jun
        { UkJurisdiction.Scotland, 2027, "01-01 01-04 03-26 05-03 05-31 08-02 11-30 12-27 12-28" }, // Sat 2 Jan → Mon 4
        { UkJurisdiction.Scotland, 2028, "01-03 01-04 04-14 05-01 05-29 08-07 11-30 12-25 12-26" }, // Sat 1, Sun 2 Jan → Mon 3, Tue 4
        { UkJurisdiction.Scotland, 2029, "01-01 01-02 03-30 05-07 05-28 08-06 11-30 12-25 12-26" }, // Fri 30 Nov
        { UkJurisdiction.Scotland, 2030, "01-01 01-02 04-19 05-06 05-27 08-05 12-02 12-25 12-26" }, // Sat 30 Nov → Mon 2 Dec
        // Northern Ireland: England and Wales' plus St Patrick's Day and the Battle of the Boyne
        { UkJurisdiction.NorthernIreland, 2020, "01-01 03-17 04-10 04-13 05-08 05-25 07-13 08-31 12-25 12-28" }, // Sun 12 Jul → Mon 13
        { UkJurisdiction.NorthernIreland, 2021, "01-01 03-17 04-02 04-05 05-03 05-31 07-12 08-30 12-27 12-28" },
        { UkJurisdiction.NorthernIreland, 2022, "01-03 03-17 04-15 04-18 05-02 06-02 06-03 07-12 08-29 09-19 12-26 12-27" },
        { UkJurisdiction.NorthernIreland, 2023, "01-02 03-17 04-07 04-10 05-01 05-08 05-29 07-12 08-28 12-25 12-26" },
        { UkJurisdiction.NorthernIreland, 2024, "01-01 03-18 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26" }, // Sun 17 Mar → Mon 18
        { UkJurisdiction.NorthernIreland, 2025, "01-01 03-17 04-18 04-21 05-05 05-26 07-14 08-25 12-25 12-26" }, // Sat 12 Jul → Mon 14
        { UkJurisdiction.NorthernIreland, 2026, "01-01 03-17 04-03 04-06 05-04 05-25 07-13 08-31 12-25 12-28" }, // Sun 12 Jul → Mon 13
        { UkJurisdiction.NorthernIreland, 2027, "01-01 03-17 03-26 03-29 05-03 05-31 07-12 08-30 12-27 12-28" },
        { UkJurisdiction.NorthernIreland, 2028, "01-03 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26" },
        { UkJurisdiction.NorthernIreland, 2029, "01-01 03-19 03-30 04-02 05-07 05-28 07-12 08-27 12-25 12-26" }, // Sat 17 Mar → Mon 19
        { UkJurisdiction.NorthernIreland, 2030, "01-01 03-18 04-19 04-22 05-06 05-27 07-12 08-26 12-25 12-26" }, // Sun 17 Mar → Mon 18
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void For_2020To2030_MatchesThePublishedList(UkJurisdiction jurisdiction, int year, string published)
    {
        var expected = published.Split(' ').Select(day => D($"{year}-{day}")).ToList();

        UkBankHolidays.For(jurisdiction, year).Select(h => h.Date).Should().Equal(expected);
    }

    [Theory]
    [InlineData(2027, "2027-03-28")] // the example: Good Friday 26 Mar, Easter Monday 29 Mar 2027
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2038, "2038-04-25")] // the latest possible date
    [InlineData(2285, "2285-03-22")] // the earliest possible date
    [InlineData(2000, "2000-04-23")]
    [InlineData(2100, "2100-03-28")]
    public void Easter_Computus_KnownSundays(int year, string sunday)
    {
        Easter.Sunday(year).Should().Be(D(sunday));
    }

    [Theory]
    [InlineData("2026-12-28", "Boxing Day (substitute day)")] // Sat 26 Dec 2026
    [InlineData("2027-12-27", "Christmas Day (substitute day)")] // Sat 25 Dec 2027
    [InlineData("2027-12-28", "Boxing Day (substitute day)")] // Sun 26 Dec 2027
    [InlineData("2022-12-27", "Christmas Day (substitute day)")] // Sun 25 Dec 2022; Mon 26 stays Boxing Day
    [InlineData("2022-12-26", "Boxing Day")]
    [InlineData("2023-05-08", "Bank holiday for the coronation of King Charles III")]
    [InlineData("2022-09-19", "Bank holiday for the State Funeral of Queen Elizabeth II")]
    [InlineData("2020-05-08", "Early May bank holiday (VE day)")]
    [InlineData("2012-06-05", "Queen's Diamond Jubilee")]
    [InlineData("2012-06-04", "Spring bank holiday")] // moved from Mon 28 May 2012
    [InlineData("2002-06-03", "Golden Jubilee bank holiday")]
    [InlineData("2011-04-29", "Royal wedding")]
    [InlineData("1999-12-31", "Millennium bank holiday")]
    [InlineData("1995-05-08", "Early May bank holiday (VE day)")]
    public void FindHoliday_EnglandAndWales_NamesTheDay(string date, string name)
    {
        UkHolidayCalendar.For(UkJurisdiction.EnglandAndWales).FindHoliday(D(date)).Should().Be(new PublicHoliday(D(date), name));
    }

    [Theory]
    [InlineData("2020-05-04")] // the usual early May Monday, moved to VE day in 2020
    [InlineData("2022-05-30")] // the usual spring Monday, moved to 2 June in 2022
    [InlineData("2012-05-28")]
    [InlineData("2002-05-27")]
    [InlineData("1995-05-01")]
    [InlineData("2026-06-15")] // Scotland's World Cup holiday is Scotland's only
    [InlineData("2024-11-29")]
    public void FindHoliday_EnglandAndWales_OrdinaryOrMovedDay_Null(string date)
    {
        UkHolidayCalendar.For(UkJurisdiction.EnglandAndWales).FindHoliday(D(date)).Should().BeNull();
    }

    [Fact]
    public void FindHoliday_ScotlandBefore2007_NoStAndrewsDay()
    {
        // St Andrew's Day Bank Holiday (Scotland) Act 2007: Thu 30 Nov 2006 was a working day, Fri 30 Nov 2007 a holiday.
        var scotland = UkHolidayCalendar.For(UkJurisdiction.Scotland);

        scotland.FindHoliday(D("2006-11-30")).Should().BeNull();
        scotland.FindHoliday(D("2007-11-30"))!.Name.Should().Be("St Andrew's Day");
    }

    [Theory]
    [InlineData(UkJurisdiction.EnglandAndWales, 8)]
    [InlineData(UkJurisdiction.Scotland, 9)]
    [InlineData(UkJurisdiction.NorthernIreland, 10)]
    public void For_EveryYear2000To2100_TheUsualCountNoneOnAWeekendNoneTwice(UkJurisdiction jurisdiction, int usual)
    {
        for (var year = 2000; year <= 2100; year++)
        {
            var holidays = UkBankHolidays.For(jurisdiction, year);
            var oneOffs = ProclaimedHolidays.Table.Count(p => p.Date.Year == year && p.Moves is null && p.Where.Contains(jurisdiction));
            var usualThisYear = jurisdiction == UkJurisdiction.Scotland && year < UkBankHolidays.StAndrewsDayFrom ? usual - 1 : usual;

            holidays.Should().HaveCount(usualThisYear + oneOffs, $"{year}");
            holidays.Should().OnlyContain(h => h.Date.DayOfWeek != DayOfWeek.Saturday && h.Date.DayOfWeek != DayOfWeek.Sunday, $"{year}");
            holidays.Select(h => h.Date).Should().OnlyHaveUniqueItems($"{year}").And.BeInAscendingOrder();
        }
    }

    [Fact]
    public void For_BeforeTheRulesBegan_Refused()
    {
        var compute = () => UkBankHolidays.For(UkJurisdiction.EnglandAndWales, 1977);

        compute.Should().Throw<ArgumentOutOfRangeException>();
    }
}
