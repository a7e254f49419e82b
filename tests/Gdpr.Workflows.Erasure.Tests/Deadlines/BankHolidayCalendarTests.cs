using System.Text;
using Gdpr.Workflows.Erasure.Deadlines;
using static Gdpr.Workflows.Erasure.Tests.Deadlines.TestDates;

namespace Gdpr.Workflows.Erasure.Tests.Deadlines;

public class BankHolidayCalendarTests
{
    private readonly BankHolidayCalendar _calendar = BankHolidayCalendar.EnglandAndWales();

    [Fact]
    public void EnglandAndWales_CoversExactly2020To2028()
    {
        // The shipped data covers the whole years 2020 to 2028, inclusive; extend this when data is added.
        _calendar.CoveredFrom.Should().Be(D("2020-01-01"));
        _calendar.CoveredTo.Should().Be(D("2028-12-31"));
        _calendar.Name.Should().Be("England and Wales bank holidays");
    }

    [Theory]
    [InlineData("2019-12-31")]
    [InlineData("2019-12-25")]
    [InlineData("2029-01-01")]
    [InlineData("2030-06-15")]
    public void FindHoliday_OutsideCoveredYears_ThrowsInsteadOfGuessing(string date)
    {
        var find = () => _calendar.FindHoliday(D(date));

        find.Should().Throw<HolidayCalendarCoverageException>()
            .WithMessage($"England and Wales bank holidays has no data for {date}: it covers 2020-01-01 to 2028-12-31.*");
    }

    [Theory]
    [InlineData("2020-01-01", "New Year's Day")]
    [InlineData("2028-12-26", "Boxing Day")]
    [InlineData("2020-05-08", "Early May bank holiday (VE day)")]
    [InlineData("2022-06-02", "Spring bank holiday")]
    [InlineData("2022-06-03", "Platinum Jubilee bank holiday")]
    [InlineData("2022-09-19", "Bank holiday for the State Funeral of Queen Elizabeth II")]
    [InlineData("2023-05-08", "Bank holiday for the coronation of King Charles III")]
    [InlineData("2020-12-28", "Boxing Day (substitute day)")]
    [InlineData("2021-12-27", "Christmas Day (substitute day)")]
    [InlineData("2021-12-28", "Boxing Day (substitute day)")]
    [InlineData("2022-01-03", "New Year's Day (substitute day)")]
    [InlineData("2022-12-27", "Christmas Day (substitute day)")]
    [InlineData("2023-01-02", "New Year's Day (substitute day)")]
    [InlineData("2026-12-28", "Boxing Day (substitute day)")]
    [InlineData("2027-12-27", "Christmas Day (substitute day)")]
    [InlineData("2027-12-28", "Boxing Day (substitute day)")]
    [InlineData("2028-01-03", "New Year's Day (substitute day)")]
    [InlineData("2024-03-29", "Good Friday")]
    [InlineData("2024-04-01", "Easter Monday")]
    public void FindHoliday_ListedDay_ReturnsItsName(string date, string name)
    {
        _calendar.FindHoliday(D(date)).Should().Be(new PublicHoliday(D(date), name));
    }

    [Theory]
    [InlineData("2020-05-04")] // the usual early May Monday, moved to VE day in 2020
    [InlineData("2022-05-30")] // the usual spring Monday, moved to 2 June in 2022
    [InlineData("2024-12-27")]
    [InlineData("2024-07-04")]
    public void FindHoliday_OrdinaryDay_ReturnsNull(string date)
    {
        _calendar.FindHoliday(D(date)).Should().BeNull();
    }

    [Fact]
    public void EnglandAndWales_EveryYearHasItsHolidaysAndNoneOnAWeekend()
    {
        var perYear = _calendar.Holidays.GroupBy(h => h.Date.Year).ToDictionary(g => g.Key, g => g.Count());

        // 8 a year, plus the jubilee and the funeral in 2022 and the coronation in 2023.
        perYear.Should().Equal(new Dictionary<int, int>
        {
            [2020] = 8,
            [2021] = 8,
            [2022] = 10,
            [2023] = 9,
            [2024] = 8,
            [2025] = 8,
            [2026] = 8,
            [2027] = 8,
            [2028] = 8,
        });
        _calendar.Holidays.Should().OnlyContain(h => h.Date.DayOfWeek != DayOfWeek.Saturday && h.Date.DayOfWeek != DayOfWeek.Sunday);
        _calendar.Holidays.Should().BeInAscendingOrder(h => h.Date);
    }

    [Fact]
    public void Load_ValidData_CoversStatedYears()
    {
        var calendar = Load("""
            { "name": "Test", "source": "hand", "coveredYears": { "first": 2030, "last": 2030 },
              "holidays": [ { "date": "2030-12-25", "title": "Christmas Day" } ] }
            """);

        calendar.FindHoliday(D("2030-12-25"))!.Name.Should().Be("Christmas Day");
        calendar.FindHoliday(D("2030-12-24")).Should().BeNull();
        calendar.Source.Should().Be("hand");
    }

    [Theory]
    [InlineData("""{ "name": "T", "source": "s", "coveredYears": { "first": 2030, "last": 2030 }, "holidays": [ { "date": "2031-01-01", "title": "X" } ] }""",
        "*2031-01-01 is outside the covered years 2030-2030*")]
    [InlineData("""{ "name": "T", "source": "s", "coveredYears": { "first": 2030, "last": 2030 }, "holidays": [ { "date": "2030-01-01", "title": "X" }, { "date": "2030-01-01", "title": "Y" } ] }""",
        "*2030-01-01 is listed twice*")]
    [InlineData("""{ "name": "T", "source": "s", "coveredYears": { "first": 2030, "last": 2031 }, "holidays": [ { "date": "2030-01-01", "title": "X" } ] }""",
        "*covered year(s) 2031 list no holidays*")]
    [InlineData("""{ "name": "T", "source": "s", "coveredYears": { "first": 2030, "last": 2030 }, "holidays": [ { "date": "01/01/2030", "title": "X" } ] }""",
        "*'01/01/2030' is not a yyyy-MM-dd date*")]
    [InlineData("""{ "name": "T", "source": "s", "coveredYears": { "first": 2031, "last": 2030 }, "holidays": [] }""",
        "*first (2031) is after coveredYears.last (2030)*")]
    [InlineData("""{ "name": "T", "source": "s", "holidays": [] }""", "*'coveredYears' is missing*")]
    [InlineData("""{ "name": "T", """, "*not valid JSON*")]
    public void Load_InvalidData_ThrowsExplainingWhat(string json, string expectedMessage)
    {
        var load = () => Load(json);

        load.Should().Throw<InvalidDataException>().WithMessage(expectedMessage);
    }

    private static BankHolidayCalendar Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return BankHolidayCalendar.Load(stream);
    }
}
