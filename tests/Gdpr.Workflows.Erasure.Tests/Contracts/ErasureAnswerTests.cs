using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Contracts;

public class ErasureAnswerTests
{
    [Fact]
    public void ToJson_Retained_AllReceiptFieldsPresent()
    {
        var answer = ErasureAnswer.Retained("orders:2", RetentionGround.LegalObligation, "invoices", new DateOnly(2031, 4, 5));

        answer.ToJson().ToJsonString().Should().Be(
            """{"outcome":"retained","receipt":{"reference":"orders:2","ground":"Art. 17(3)(b)","retainedData":"invoices","retainUntil":"2031-04-05"}}""");
    }

    [Fact]
    public void ToJson_Erased_NullRetentionFields()
    {
        ErasureAnswer.Erased("crm:1").ToJson().ToJsonString().Should().Be(
            """{"outcome":"erased","receipt":{"reference":"crm:1","ground":null,"retainedData":null,"retainUntil":null}}""");
    }

    [Fact]
    public void FromJson_RoundTrip_Equal()
    {
        var answer = ErasureAnswer.Retained("orders:2", RetentionGround.LegalClaims, "disputes", new DateOnly(2027, 1, 1));

        ErasureAnswer.FromJson(JsonNode.Parse(answer.ToJson().ToJsonString())).Should().Be(answer);
    }

    [Fact]
    public void FromJson_PlainStringReceipt_IsTheReference()
    {
        ErasureAnswer.FromJson(JsonNode.Parse("""{"outcome":"not_held","receipt":"ticket-9"}""")).Should().Be(ErasureAnswer.NotHeld("ticket-9"));
    }

    [Theory]
    [InlineData("""[]""", "object")]
    [InlineData("""{"receipt":"x"}""", "'outcome'")]
    [InlineData("""{"outcome":"deleted","receipt":"x"}""", "'outcome'")]
    [InlineData("""{"outcome":"erased"}""", "'receipt'")]
    [InlineData("""{"outcome":"erased","receipt":""}""", "'receipt.reference'")]
    [InlineData("""{"outcome":"erased","receipt":"mailed carol@example.com"}""", "personal data")]
    [InlineData("""{"outcome":"retained","receipt":"x"}""", "ground")]
    [InlineData("""{"outcome":"retained","receipt":{"reference":"x","ground":"Art. 17(3)(z)"}}""", "'receipt.ground'")]
    [InlineData("""{"outcome":"retained","receipt":{"reference":"x","ground":"b","retainedData":"invoices","retainUntil":"next year"}}""", "'receipt.retainUntil'")]
    [InlineData("""{"outcome":"erased","receipt":{"reference":"x","ground":"b"}}""", "Only a 'retained'")]
    [InlineData("""{"outcome":1,"receipt":"x"}""", "'outcome' must be a string")]
    public void FromJson_Malformed_InvalidInputNamingTheProblem(string json, string problem)
    {
        var act = () => ErasureAnswer.FromJson(JsonNode.Parse(json));

        act.Should().Throw<InvalidInputException>().Which.Message.Should().Contain(problem);
    }

    [Theory]
    [InlineData(ErasureOutcome.Erased, "erased")]
    [InlineData(ErasureOutcome.NotHeld, "not_held")]
    [InlineData(ErasureOutcome.Retained, "retained")]
    public void WireName_Outcome_RoundTrips(ErasureOutcome outcome, string name)
    {
        outcome.WireName().Should().Be(name);
        ErasureOutcomes.TryParse(name, out var parsed).Should().BeTrue();
        parsed.Should().Be(outcome);
    }
}
