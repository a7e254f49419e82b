using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.History;

public sealed class HistoryFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    [Fact]
    public async Task HandleAsync_KnownRequest_Answers200WithTheTrailInSequence()
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await _harness.Function("History").HandleAsync(HttpEvents.Get($"/requests/{requestId}/history", HttpEvents.RequestId(requestId)), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(200);
        var body = HttpEvents.Body(response);
        body["chainIntact"]!.GetValue<bool>().Should().BeTrue();
        body["events"]!.AsArray().Select(e => e!["sequence"]!.GetValue<long>()).Should().BeInAscendingOrder().And.HaveCountGreaterThan(1);
    }

    [Fact]
    public async Task HandleAsync_AskedTwice_AnswersTheSame()
    {
        var requestId = await _harness.StartedRequestAsync();
        var history = _harness.Function("History");

        var first = await history.HandleAsync(HttpEvents.Get($"/requests/{requestId}/history", HttpEvents.RequestId(requestId)), CancellationToken.None);
        var second = await history.HandleAsync(HttpEvents.Get($"/requests/{requestId}/history", HttpEvents.RequestId(requestId)), CancellationToken.None);

        JsonNode.DeepEquals(first, second).Should().BeTrue();
    }

    [Fact]
    public async Task HandleAsync_UnknownRequest_Answers404()
    {
        var response = await _harness.Function("History").HandleAsync(HttpEvents.Get("/requests/req-424242/history", HttpEvents.RequestId("req-424242")), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(404);
    }

    [Fact]
    public async Task HandleAsync_NotAnHttpEvent_FailsAsInvalidInput()
    {
        var response = await _harness.Function("History").HandleAsync(JsonValue.Create("req-000001"), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNoIdentifiers()
    {
        var requestId = await _harness.StartedRequestAsync();

        (await _harness.Function("History").HandleAsync(HttpEvents.Get($"/requests/{requestId}/history", HttpEvents.RequestId(requestId)), CancellationToken.None)).ShouldHoldNoPersonalData();
    }

    public void Dispose() => _harness.Dispose();
}
