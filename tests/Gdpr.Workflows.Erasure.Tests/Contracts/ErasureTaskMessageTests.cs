using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Erasure.Tests.Contracts;

public class ErasureTaskMessageTests
{
    [Fact]
    public void Parse_StateMachinesMessage_AllFields()
    {
        var message = JsonNode.Parse("""
            {"kind":"ErasureTask","requestId":"req-1","system":"support-desk","taskToken":"tok","heartbeatSeconds":3600,"timeoutSeconds":86400}
            """);

        ErasureTaskMessage.Parse(message).Should().Be(new ErasureTaskMessage("req-1", "support-desk", "tok", 3600, 86400));
    }

    [Fact]
    public void ToJson_Message_RoundTrips()
    {
        var task = new ErasureTaskMessage("req-1", "support-desk", "tok", 60, 600);

        ErasureTaskMessage.Parse(task.ToJson()).Should().Be(task);
    }

    [Theory]
    [InlineData("""{"kind":"SystemDidNotRespond","requestId":"r","system":"s","taskToken":"t","heartbeatSeconds":1,"timeoutSeconds":1}""")]
    [InlineData("""{"kind":"ErasureTask","requestId":"r","system":"s","heartbeatSeconds":1,"timeoutSeconds":1}""")]
    public void Parse_NotATask_InvalidInput(string json)
    {
        var act = () => ErasureTaskMessage.Parse(JsonNode.Parse(json));

        act.Should().Throw<InvalidInputException>();
    }

    [Fact]
    public void ToString_Task_RedactsTheToken()
    {
        new ErasureTaskMessage("req-1", "desk", "secret-token", 1, 1).ToString().Should().NotContain("secret-token");
    }
}
