using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Registry;

public sealed class RetentionRuleTests
{
    private static readonly RetentionRule Invoices = new("invoices", RetentionGround.LegalObligation, new RetentionPeriod(6))
    {
        CountedFrom = RetentionStart.FinancialYearEnd,
        FinancialYearEnd = (3, 31),
    };

    // Worked by hand, year ending 31 March, six years (gov.uk: "6 years from the end of the last company financial year
    // they relate to"; its example: period ending 31 March 2020 → kept until at least 1 April 2026, i.e. the last day
    // of keeping is 31 March 2026):
    //   2019-04-01 .. 2020-03-31 → year ends 2020-03-31 → until 2026-03-31
    //   2026-12-05 → year ends 2027-03-31 → until 2033-03-31
    //   2027-04-01 → year ends 2028-03-31 → until 2034-03-31
    [Theory]
    [InlineData("2019-04-01", "2026-03-31")]
    [InlineData("2020-03-31", "2026-03-31")]
    [InlineData("2026-12-05", "2033-03-31")]
    [InlineData("2027-03-31", "2033-03-31")]
    [InlineData("2027-04-01", "2034-03-31")]
    public void KeepUntil_FromFinancialYearEnd_CountsFromTheYearsLastDay(string made, string until) =>
        Invoices.KeepUntil(DateOnly.Parse(made)).Should().Be(DateOnly.Parse(until));

    [Fact]
    public void KeepUntil_FromRecordDate_CountsFromTheDayItself() =>
        // 2026-12-05 + 6 years = 2032-12-05.
        (Invoices with { CountedFrom = RetentionStart.RecordDate }).KeepUntil(new DateOnly(2026, 12, 5)).Should().Be(new DateOnly(2032, 12, 5));

    [Fact]
    public void YearEndOnOrAfter_LeapDayYearEnd_IsTheMonthsLastDayInOtherYears()
    {
        // A year ending 29 February: in 2025 it ends 28 February 2025; in 2028 on the 29th.
        var rule = Invoices with { FinancialYearEnd = (2, 29) };

        rule.YearEndOnOrAfter(new DateOnly(2025, 1, 10)).Should().Be(new DateOnly(2025, 2, 28));
        rule.YearEndOnOrAfter(new DateOnly(2027, 3, 1)).Should().Be(new DateOnly(2028, 2, 29));
    }

    [Fact]
    public void Parse_SampleRegistry_OrdersCountsFromTheFinancialYearAndRolesAreMarked()
    {
        var registry = SystemRegistry.Load(RepositoryFiles.Path("samples", "systems.yaml"));

        var invoices = registry.Find("orders")!.FindRetention("invoices")!;
        invoices.CountedFrom.Should().Be(RetentionStart.FinancialYearEnd);
        invoices.FinancialYearEnd.Should().Be((3, 31));
        registry.Find("support-desk")!.Role.Should().Be(SystemRole.Processor);
        registry.Find("crm")!.Role.Should().Be(SystemRole.Controller);
    }

    [Theory]
    [InlineData("role: owner", "role")]
    [InlineData("retention: [{data: x, ground: b, period: 6y, countedFrom: tuesday}]", "retention.countedFrom")]
    [InlineData("retention: [{data: x, ground: b, period: 6y, countedFrom: financial-year-end, financialYearEnd: \"13-01\"}]", "retention.financialYearEnd")]
    [InlineData("retention: [{data: x, ground: b, period: 6y, financialYearEnd: \"03-31\"}]", "retention.financialYearEnd")]
    public void Parse_BadRoleOrStart_NamesTheField(string line, string field)
    {
        var text = $"systems:\n  - name: orders\n    owner: o\n    mode: sync\n    {line}\n";

        var act = () => SystemRegistry.Parse(text, "test.yaml");

        act.Should().Throw<SystemRegistryException>().Which.Field.Should().Be(field);
    }
}
