using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.Retry;

public sealed class RetryFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    private Task<JsonNode?> RetryAsync(string requestId, JsonNode? body) =>
        _harness.Function("Retry").HandleAsync(HttpEvents.Post($"/requests/{requestId}/retry", body, pathParameters: HttpEvents.RequestId(requestId)), CancellationToken.None);

    [Fact]
    public async Task HandleAsync_RunningWorkflow_Answers200WithTheStatusAndAuditsTheCaller()
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await RetryAsync(requestId, null);

        HttpEvents.StatusCode(response).Should().Be(200);
        HttpEvents.Body(response)["requestId"]!.GetValue<string>().Should().Be(requestId);
        HttpEvents.Body(response)["deadline"].Should().NotBeNull("the answer is the status view of GET /requests/{requestId}");
        _harness.Workflow.Starts.Should().Equal(requestId);
        var retried = (await _harness.AuditStore.ReadAllAsync(requestId)).Single(e => e.Type.Name == "RetryRequested");
        retried.Actor.Should().Be("assumed-role/GdprOfficer/jsmith");
        retried.Details["result"].Should().Be("WorkflowRunning");
    }

    [Fact]
    public async Task HandleAsync_WorkflowNeverStarted_StartsItAndAnswers202()
    {
        var requestId = await _harness.StartedRequestAsync();
        _harness.Workflow.Lose(requestId);

        var response = await RetryAsync(requestId, new JsonObject());

        HttpEvents.StatusCode(response).Should().Be(202);
        _harness.Workflow.Starts.Should().Equal(requestId);
    }

    [Fact]
    public async Task HandleAsync_WorkflowEndedWhileTheRequestIsOpen_Answers409()
    {
        var requestId = await _harness.StartedRequestAsync();
        await _harness.Workflow.StopAsync(requestId, null, "Erasure.Stopped", "test");

        var response = await RetryAsync(requestId, null);

        HttpEvents.StatusCode(response).Should().Be(409);
        HttpEvents.Body(response)["error"]!["message"]!.GetValue<string>().Should().Contain("ended ABORTED");
    }

    [Fact]
    public async Task HandleAsync_SyncSystem_ErasesInItAgainNowAndAnswers200()
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await RetryAsync(requestId, new JsonObject { ["system"] = "crm" });

        HttpEvents.StatusCode(response).Should().Be(200);
        _harness.Crm.Calls.Should().Be(1);
        var crm = HttpEvents.Body(response)["systems"]!.AsArray().Single(s => s!["system"]!.GetValue<string>() == "crm")!;
        crm["status"]!.GetValue<string>().Should().Be("Erased");
        response.ShouldHoldNoPersonalData();
    }

    [Fact]
    public async Task HandleAsync_SyncSystemFailsAgain_RecordsTheFailureAndAnswers200()
    {
        var requestId = await _harness.StartedRequestAsync();
        _harness.Crm.Failure = new HttpRequestException("connection refused");

        var response = await RetryAsync(requestId, new JsonObject { ["system"] = "crm" });

        HttpEvents.StatusCode(response).Should().Be(200);
        var crm = HttpEvents.Body(response)["systems"]!.AsArray().Single(s => s!["system"]!.GetValue<string>() == "crm")!;
        crm["lastError"]!.GetValue<string>().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task HandleAsync_AsyncSystem_Answers409()
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await RetryAsync(requestId, new JsonObject { ["system"] = "support-desk" });

        HttpEvents.StatusCode(response).Should().Be(409);
        HttpEvents.Body(response)["error"]!["message"]!.GetValue<string>().Should().Contain("asynchronous");
    }

    [Theory]
    [InlineData("""{"system": "billing"}""")]
    [InlineData("""{"system": 7}""")]
    [InlineData("""{"systems": ["crm"]}""")]
    public async Task HandleAsync_BadBody_Answers400(string body)
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await RetryAsync(requestId, JsonNode.Parse(body));

        HttpEvents.StatusCode(response).Should().Be(400);
        _harness.Crm.Calls.Should().Be(0);
    }

    [Fact]
    public async Task HandleAsync_CancelledRequest_Answers409NothingToRetry()
    {
        var requestId = await _harness.StartedRequestAsync();
        await _harness.Function("Cancel").HandleAsync(HttpEvents.Post($"/requests/{requestId}/cancel", null, pathParameters: HttpEvents.RequestId(requestId)), CancellationToken.None);

        var response = await RetryAsync(requestId, null);

        HttpEvents.StatusCode(response).Should().Be(409);
    }

    [Fact]
    public async Task HandleAsync_UnknownRequest_Answers404()
    {
        var response = await RetryAsync("req-424242", null);

        HttpEvents.StatusCode(response).Should().Be(404);
    }

    public void Dispose() => _harness.Dispose();
}
