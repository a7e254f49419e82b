using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.Refusal;

public sealed class RefusalFunctionTests : IDisposable
{
    private static readonly JsonObject Excessive = new() { ["reason"] = "excessive", ["detail"] = "The fourth identical request this month." };

    private readonly FunctionHarness _harness = new();

    private Task<JsonNode?> RefuseAsync(string requestId, JsonNode? body, string callerArn = FunctionHarness.OfficerArn) =>
        _harness.Function("Refusal").HandleAsync(HttpEvents.Post($"/requests/{requestId}/refusal", body, callerArn, HttpEvents.RequestId(requestId)), CancellationToken.None);

    [Fact]
    public async Task HandleAsync_OpenRequest_RefusesStopsTheWorkflowAndAnswersTheStatus()
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await RefuseAsync(requestId, Excessive.DeepClone());

        HttpEvents.StatusCode(response).Should().Be(200);
        var body = HttpEvents.Body(response);
        body["requestId"]!.GetValue<string>().Should().Be(requestId);
        body["status"]!.GetValue<string>().Should().Be("Refused");
        body["deadline"].Should().NotBeNull("the answer is the status view of GET /requests/{requestId}");
        _harness.Workflow.Stops.Should().Equal(requestId);
        var refused = (await _harness.AuditStore.ReadAllAsync(requestId)).Single(e => e.Type.Name == "RequestRefused");
        refused.Actor.Should().Be("assumed-role/GdprOfficer/jsmith");
    }

    [Fact]
    public async Task HandleAsync_Repeated_Answers200AndRefusesOnce()
    {
        var requestId = await _harness.StartedRequestAsync();
        await RefuseAsync(requestId, Excessive.DeepClone());

        var repeat = await RefuseAsync(requestId, Excessive.DeepClone());

        HttpEvents.StatusCode(repeat).Should().Be(200);
        HttpEvents.Body(repeat)["status"]!.GetValue<string>().Should().Be("Refused");
        (await _harness.AuditStore.ReadAllAsync(requestId)).Count(e => e.Type.Name == "RequestRefused").Should().Be(1);
    }

    [Fact]
    public async Task HandleAsync_CancelledRequest_Answers409()
    {
        var requestId = await _harness.StartedRequestAsync();
        await _harness.Function("Cancel").HandleAsync(HttpEvents.Post($"/requests/{requestId}/cancel", null, pathParameters: HttpEvents.RequestId(requestId)), CancellationToken.None);

        var response = await RefuseAsync(requestId, Excessive.DeepClone());

        HttpEvents.StatusCode(response).Should().Be(409);
    }

    [Theory]
    [InlineData("""{"reason": "annoying", "detail": "x"}""")]
    [InlineData("""{"reason": "excessive"}""")]
    [InlineData("""{"detail": "Too many."}""")]
    [InlineData("""{"reason": "excessive", "detail": "Write to Alice.Smith@Example.com"}""")]
    [InlineData("""{"reason": "excessive", "detail": "x", "colour": "red"}""")]
    public async Task HandleAsync_BadBody_Answers400AndChangesNothing(string body)
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await RefuseAsync(requestId, JsonNode.Parse(body));

        HttpEvents.StatusCode(response).Should().Be(400);
        response.ShouldHoldNoPersonalData();
        _harness.Workflow.Stops.Should().BeEmpty();
    }

    [Fact]
    public async Task HandleAsync_UnknownRequest_Answers404()
    {
        var response = await RefuseAsync("req-424242", Excessive.DeepClone());

        HttpEvents.StatusCode(response).Should().Be(404);
    }

    public void Dispose() => _harness.Dispose();
}
