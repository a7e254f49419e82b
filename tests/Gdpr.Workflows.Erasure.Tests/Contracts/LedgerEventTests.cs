using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Contracts;

public class LedgerEventTests
{
    private static LedgerEvent Parse(string json) => LedgerEvent.Parse(JsonNode.Parse(json));

    [Fact]
    public void Parse_RequestStarted_IdsOnly()
    {
        Parse("""{"event":"RequestStarted","requestId":"req-1","executionId":"arn:1"}""").Should().Be(new LedgerEvent("RequestStarted", "req-1", "arn:1"));
    }

    [Fact]
    public void Parse_SystemErased_TheAnswer()
    {
        var parsed = Parse("""{"event":"SystemErased","requestId":"req-1","executionId":"arn:1","system":"crm","erasure":{"outcome":"erased","receipt":"crm:1"}}""");

        parsed.Should().BeEquivalentTo(new { System = "crm", Erasure = ErasureAnswer.Erased("crm:1") });
    }

    [Fact]
    public void Parse_SystemErasedAfterRetries_TheStatesRetryCount()
    {
        var parsed = Parse("""{"event":"SystemErased","requestId":"req-1","executionId":"arn:1","system":"crm","erasure":{"outcome":"erased","receipt":"crm:1","retries":2}}""");

        (parsed.Erasure, parsed.Retries).Should().Be((ErasureAnswer.Erased("crm:1"), 2));
    }

    [Fact]
    public void Parse_SystemErasedNegativeRetries_IsRefused()
    {
        var parse = () => Parse("""{"event":"SystemErased","requestId":"req-1","executionId":"arn:1","system":"crm","erasure":{"outcome":"erased","receipt":"crm:1","retries":-1}}""");

        parse.Should().Throw<InvalidInputException>().WithMessage("*retries*");
    }

    [Fact]
    public void Parse_RecipientsNotifiedFailed_FromTheDefinitionsPassState()
    {
        var parsed = Parse("""{"event":"RecipientsNotified","requestId":"req-1","executionId":"arn:1","system":"crm","notification":{"status":"failed","reason":"Lambda.Unknown","recipientCount":0}}""");

        parsed.Notification.Should().Be(new RecipientsNotification(RecipientNotificationStatus.Failed, "Lambda.Unknown", 0));
    }

    [Theory]
    [InlineData("SystemErasureFailed", ""","system":"crm","error":"States.TaskFailed" """, "States.TaskFailed")]
    [InlineData("SystemDidNotRespond", ""","system":"crm","error":"States.Timeout" """, "States.Timeout")]
    [InlineData("WorkflowFailed", ""","error":null """, null)]
    public void Parse_Failures_TheErrorName(string name, string extra, string? error)
    {
        Parse($$"""{"event":"{{name}}","requestId":"req-1","executionId":"arn:1"{{extra}}}""").Error.Should().Be(error);
    }

    [Fact]
    public void Parse_ExecutionEnded_TheStatus()
    {
        Parse("""{"event":"ExecutionEnded","requestId":"req-1","executionId":"arn:1","status":"ABORTED"}""").ExecutionStatus.Should().Be("ABORTED");
    }

    [Theory]
    [InlineData("""{"event":"Unknown","requestId":"req-1","executionId":"arn:1"}""", "not a ledger event")]
    [InlineData("""{"event":"SystemErased","requestId":"req-1","executionId":"arn:1","erasure":{}}""", "'system'")]
    [InlineData("""{"event":"RequestStarted","executionId":"arn:1"}""", "'requestId'")]
    [InlineData("""{"event":"RecipientsNotified","requestId":"r","executionId":"a","system":"crm","notification":{"status":"lost","recipientCount":0}}""", "'status'")]
    [InlineData("""{"event":"RecipientsNotified","requestId":"r","executionId":"a","system":"crm","notification":{"status":"sent","recipientCount":-1}}""", "negative")]
    [InlineData("""{"event":"SystemDispatched","requestId":"r","executionId":"a","system":"crm"}""", "'mode'")]
    public void Parse_Malformed_InvalidInput(string json, string problem)
    {
        var act = () => Parse(json);

        act.Should().Throw<InvalidInputException>().Which.Message.Should().Contain(problem);
    }

    [Fact]
    public void ParseAll_Summaries_EveryField()
    {
        var outcomes = SystemSummary.ParseAll(JsonNode.Parse("""
            [{"system":"crm","result":"erased","erasure":"erased","recipients":"sent"},
             {"system":"desk","result":"no_response","error":"States.Timeout"}]
            """));

        outcomes.Should().Equal(new SystemSummary("crm", "erased", "erased", "sent"), new SystemSummary("desk", "no_response", Error: "States.Timeout"));
    }

    [Fact]
    public void ParseAll_NotAnArray_InvalidInput()
    {
        var act = () => SystemSummary.ParseAll(JsonNode.Parse("{}"));

        act.Should().Throw<InvalidInputException>();
    }

    [Fact]
    public void RecipientsNotificationToJson_Impossible_WireForm()
    {
        new RecipientsNotification(RecipientNotificationStatus.Impossible, "recipient-unknown", 1).ToJson().ToJsonString()
            .Should().Be("""{"status":"impossible","reason":"recipient-unknown","recipientCount":1,"recipients":[]}""");
    }
}
