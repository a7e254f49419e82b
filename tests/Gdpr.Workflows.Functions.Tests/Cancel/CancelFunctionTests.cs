using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.Cancel;

public sealed class CancelFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    private static JsonObject CancelEvent(string requestId, JsonNode? body = null) =>
        HttpEvents.Post($"/requests/{requestId}/cancel", body, pathParameters: HttpEvents.RequestId(requestId));

    [Fact]
    public async Task HandleAsync_OpenRequest_CancelsAndStopsTheExecution()
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await _harness.Function("Cancel").HandleAsync(CancelEvent(requestId), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(200);
        HttpEvents.Body(response)["status"]!.GetValue<string>().Should().Be("Cancelled");
        HttpEvents.Body(response)["workflow"]!.GetValue<string>().Should().Be("Stopped");
        _harness.Workflow.Stops.Should().Equal(requestId);
    }

    [Fact]
    public async Task HandleAsync_Repeated_Answers200AndCancelsOnce()
    {
        var requestId = await _harness.StartedRequestAsync();
        var cancel = _harness.Function("Cancel");
        await cancel.HandleAsync(CancelEvent(requestId), CancellationToken.None);

        var repeat = await cancel.HandleAsync(CancelEvent(requestId), CancellationToken.None);

        HttpEvents.StatusCode(repeat).Should().Be(200);
        HttpEvents.Body(repeat)["cancelledNow"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task HandleAsync_RecordsTheCallerWithoutTheirEmailAddress()
    {
        var requestId = await _harness.StartedRequestAsync();
        var callerArn = "arn:aws:sts::123456789012:assumed-role/GdprOfficer/j.smith@corp.example";

        await _harness.Function("Cancel").HandleAsync(
            HttpEvents.Post($"/requests/{requestId}/cancel", null, callerArn, HttpEvents.RequestId(requestId)), CancellationToken.None);

        var cancelled = (await _harness.AuditStore.ReadAllAsync(requestId)).Single(e => e.Type.Name == "RequestCancelled");
        cancelled.Actor.Should().StartWith("assumed-role/GdprOfficer/sha256-").And.NotContain("@");
    }

    [Fact]
    public async Task HandleAsync_ReasonNotACode_Answers400()
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await _harness.Function("Cancel").HandleAsync(CancelEvent(requestId, new JsonObject { ["reason"] = "Because I Said So!" }), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
    }

    [Fact]
    public async Task HandleAsync_UnknownRequest_Answers404()
    {
        var response = await _harness.Function("Cancel").HandleAsync(CancelEvent("req-424242"), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(404);
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNoIdentifiers()
    {
        var requestId = await _harness.StartedRequestAsync();

        (await _harness.Function("Cancel").HandleAsync(CancelEvent(requestId), CancellationToken.None)).ShouldHoldNoPersonalData();
    }

    public void Dispose() => _harness.Dispose();
}
