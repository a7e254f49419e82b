using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Tests.Recipients;

public sealed class RecipientsFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    [Fact]
    public async Task HandleAsync_SystemWithRecipient_SendsAndAnswersEveryField()
    {
        var requestId = await _harness.StartedRequestAsync();

        var answer = await _harness.Function("Recipients").HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "orders")), CancellationToken.None);

        answer!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("status", "reason", "recipientCount", "recipients");
        answer["status"]!.GetValue<string>().Should().Be("sent");
        answer["recipientCount"]!.GetValue<int>().Should().Be(1);
        var recipient = answer["recipients"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        recipient.Select(p => p.Key).Should().BeEquivalentTo("name", "status", "reason");
        recipient["name"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        recipient["status"]!.GetValue<string>().Should().Be("sent");
        _harness.Outbox.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleAsync_SystemWithoutRecipients_AnswersSentToNobody()
    {
        var requestId = await _harness.StartedRequestAsync();

        var answer = await _harness.Function("Recipients").HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "crm")), CancellationToken.None);

        answer!["recipientCount"]!.GetValue<int>().Should().Be(0);
        answer["reason"]!.GetValue<string>().Should().Be("no-recipients");
    }

    [Fact]
    public async Task HandleAsync_Repeated_NotifiesOnceAndAnswersTheSame()
    {
        var requestId = await _harness.StartedRequestAsync();
        var recipients = _harness.Function("Recipients");

        var first = await recipients.HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "orders")), CancellationToken.None);
        var second = await recipients.HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "orders")), CancellationToken.None);

        JsonNode.DeepEquals(first, second).Should().BeTrue();
        _harness.Outbox.Sent.Should().ContainSingle();
    }

    [Fact]
    public async Task HandleAsync_SystemNotAString_FailsAsInvalidInput()
    {
        var requestId = await _harness.StartedRequestAsync();

        var act = () => _harness.Function("Recipients").HandleAsync(FunctionHarness.StepPayload(requestId, ("system", 7)), CancellationToken.None);

        (await act.Should().ThrowAsync<LambdaFunctionException>()).Which.ErrorType.Should().Be("Erasure.InvalidInput");
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNoIdentifiers()
    {
        var requestId = await _harness.StartedRequestAsync();

        (await _harness.Function("Recipients").HandleAsync(FunctionHarness.StepPayload(requestId, ("system", "orders")), CancellationToken.None)).ShouldHoldNoPersonalData();
    }

    public void Dispose() => _harness.Dispose();
}
