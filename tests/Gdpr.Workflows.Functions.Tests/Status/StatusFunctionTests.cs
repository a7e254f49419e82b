using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.Status;

public sealed class StatusFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    [Fact]
    public async Task HandleAsync_KnownRequest_Answers200WithStatusDeadlineAndSystems()
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await _harness.Function("Status").HandleAsync(HttpEvents.Get($"/requests/{requestId}", HttpEvents.RequestId(requestId)), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(200);
        var body = HttpEvents.Body(response);
        body["requestId"]!.GetValue<string>().Should().Be(requestId);
        body["status"]!.GetValue<string>().Should().Be("InProgress");
        body["deadline"]!["dueDate"]!.GetValue<string>().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}$");
    }

    [Fact]
    public async Task HandleAsync_AskedTwice_AnswersTheSame()
    {
        var requestId = await _harness.StartedRequestAsync();
        var status = _harness.Function("Status");

        var first = await status.HandleAsync(HttpEvents.Get($"/requests/{requestId}", HttpEvents.RequestId(requestId)), CancellationToken.None);
        var second = await status.HandleAsync(HttpEvents.Get($"/requests/{requestId}", HttpEvents.RequestId(requestId)), CancellationToken.None);

        JsonNode.DeepEquals(first, second).Should().BeTrue();
    }

    [Fact]
    public async Task HandleAsync_UnknownRequest_Answers404()
    {
        var response = await _harness.Function("Status").HandleAsync(HttpEvents.Get("/requests/req-424242", HttpEvents.RequestId("req-424242")), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(404);
        HttpEvents.Body(response)["error"]!["type"]!.GetValue<string>().Should().Be("Erasure.NotFound");
    }

    [Fact]
    public async Task HandleAsync_NoRequestIdInPath_Answers400()
    {
        var response = await _harness.Function("Status").HandleAsync(HttpEvents.Get("/requests/"), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNoIdentifiersOrSubjectHashes()
    {
        var requestId = await _harness.StartedRequestAsync();
        var hashes = (await _harness.Requests.GetAsync(requestId))!.SubjectHashes;

        var response = await _harness.Function("Status").HandleAsync(HttpEvents.Get($"/requests/{requestId}", HttpEvents.RequestId(requestId)), CancellationToken.None);

        response.ShouldHoldNoPersonalData();
        hashes.Should().AllSatisfy(hash => response!.ToJsonString().Should().NotContain(hash));
    }

    public void Dispose() => _harness.Dispose();
}
