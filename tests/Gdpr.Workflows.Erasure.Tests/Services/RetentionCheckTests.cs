using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class RetentionCheckTests
{
    // The sample orders entry: invoices, Art. 17(3)(b), six years from the end of a financial year ending 31 March.
    private static readonly SystemDefinition Orders = SystemRegistry.Parse("""
        systems:
          - name: orders
            owner: commerce
            mode: async
            timeoutSeconds: 60
            heartbeatSeconds: 60
            retention:
              - {data: invoices, ground: b, period: 6y, countedFrom: financial-year-end, financialYearEnd: "03-31"}
        """, "test.yaml").Find("orders")!;

    // Today 2026-12-05: the longest allowed is the end of the year ending 2027-03-31, plus six years: 2033-03-31.
    private static readonly DateOnly Today = new(2026, 12, 5);

    [Theory]
    [InlineData("2026-12-05")] // first day allowed
    [InlineData("2032-03-31")] // an invoice of 2025-06-01: year ends 2026-03-31, + 6 years
    [InlineData("2033-03-31")] // last day allowed
    public void Check_RetainedWithinTheDeclaredPeriod_ReturnsTheAnswer(string until)
    {
        var answer = ErasureAnswer.Retained("desk:1", RetentionGround.LegalObligation, "invoices", DateOnly.Parse(until));

        RetentionCheck.Check(Orders, answer, Today).Should().Be(answer);
    }

    [Theory]
    [InlineData("invoices", "b", "2033-04-01")] // a day past the longest allowed
    [InlineData("invoices", "b", "2026-12-04")] // already past
    [InlineData("invoices", "e", "2030-01-01")] // another ground than the declared one
    [InlineData("tickets", "b", "2030-01-01")] // data with no rule
    public void Check_RetainedOutsideTheRules_FailsAsUndeclaredRetention(string data, string ground, string until)
    {
        RetentionGrounds.TryParse(ground, out var parsed).Should().BeTrue();
        var answer = ErasureAnswer.Retained("desk:1", parsed, data, DateOnly.Parse(until));

        var act = () => RetentionCheck.Check(Orders, answer, Today);

        act.Should().Throw<ErasureException>().Which.ErrorType.Should().Be(ErasureErrorTypes.UndeclaredRetention);
    }

    [Fact]
    public void Check_BeyondUseExpiredYesterday_FailsAndFutureExpiryPasses()
    {
        var act = () => RetentionCheck.Check(Orders, ErasureAnswer.BeyondUse("desk:1", Today.AddDays(-1)), Today);

        act.Should().Throw<ErasureException>().Which.ErrorType.Should().Be(ErasureErrorTypes.UndeclaredRetention);
        RetentionCheck.Check(Orders, ErasureAnswer.BeyondUse("desk:1", Today.AddDays(35)), Today).Outcome.Should().Be(ErasureOutcome.BeyondUse);
    }

    [Fact]
    public void FromConnector_RetainedWithoutDate_KeepsTheRulesLongest() =>
        RetentionCheck.FromConnector(Orders, new ConnectorResult(ErasureOutcome.Retained, "orders:1", "invoices"), Today)
            .Receipt.RetainUntil.Should().Be(new DateOnly(2033, 3, 31));

    [Fact]
    public void FromJson_BeyondUseWithGround_IsRefused()
    {
        var act = () => ErasureAnswer.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""{"outcome": "beyond_use", "receipt": {"reference": "r", "ground": "b", "retainUntil": "2027-01-01"}}"""));

        act.Should().Throw<InvalidInputException>();
        ErasureAnswer.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""{"outcome": "beyond_use", "receipt": {"reference": "r", "retainUntil": "2027-01-01"}}""")).Outcome
            .Should().Be(ErasureOutcome.BeyondUse);
    }
}
