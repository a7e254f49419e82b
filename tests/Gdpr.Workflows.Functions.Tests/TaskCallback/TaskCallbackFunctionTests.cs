using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.TaskCallback;

public sealed class TaskCallbackFunctionTests : IDisposable
{
    private const string Token = "AQCEAAAAKgAAAAMAAAAAAAAAAsystem-token";
    private const string VerificationToken = "AQCEAAAAKgAAAAMAAAAAAAAAAverify-token";
    private readonly FunctionHarness _harness = new();

    private static JsonObject Callback(JsonObject body) => HttpEvents.Post("/tasks/callback", body);

    private static JsonObject Decision(string requestId, JsonObject body) =>
        HttpEvents.Post($"/requests/{requestId}/verification", body, pathParameters: HttpEvents.RequestId(requestId));

    [Fact]
    public async Task HandleAsync_SystemAnswers_CompletesTheTaskWithExactlyOutcomeAndReceipt()
    {
        _harness.Workflow.Issue(Token);

        var response = await _harness.Function("TaskCallback").HandleAsync(
            Callback(new JsonObject { ["taskToken"] = Token, ["outcome"] = "not_held", ["receipt"] = "desk:none" }), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(200);
        var output = JsonNode.Parse(_harness.Workflow.AnswerOf(Token)!)!.AsObject();
        output.Select(p => p.Key).Should().BeEquivalentTo("outcome", "receipt");
        output["outcome"]!.GetValue<string>().Should().Be("not_held");
    }

    [Fact]
    public async Task HandleAsync_SameAnswerAgain_Answers200AsADuplicate()
    {
        _harness.Workflow.Issue(Token);
        var callback = _harness.Function("TaskCallback");
        var body = new JsonObject { ["taskToken"] = Token, ["outcome"] = "erased", ["receipt"] = "desk:42" };
        await callback.HandleAsync(Callback(body), CancellationToken.None);

        var repeat = await callback.HandleAsync(Callback((JsonObject)body.DeepClone()), CancellationToken.None);

        HttpEvents.StatusCode(repeat).Should().Be(200);
        HttpEvents.Body(repeat)["duplicate"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task HandleAsync_DifferentAnswerAgain_Answers409()
    {
        _harness.Workflow.Issue(Token);
        var callback = _harness.Function("TaskCallback");
        await callback.HandleAsync(Callback(new JsonObject { ["taskToken"] = Token, ["outcome"] = "erased", ["receipt"] = "desk:42" }), CancellationToken.None);

        var other = await callback.HandleAsync(Callback(new JsonObject { ["taskToken"] = Token, ["outcome"] = "not_held", ["receipt"] = "desk:none" }), CancellationToken.None);

        HttpEvents.StatusCode(other).Should().Be(409);
        _harness.Workflow.AnswerOf(Token).Should().Contain("erased");
    }

    [Fact]
    public async Task HandleAsync_HeartbeatAndFailure_ReachTheWorkflow()
    {
        _harness.Workflow.Issue(Token);
        var callback = _harness.Function("TaskCallback");

        var heartbeat = await callback.HandleAsync(Callback(new JsonObject { ["taskToken"] = Token, ["heartbeat"] = true }), CancellationToken.None);
        var failure = await callback.HandleAsync(Callback(new JsonObject { ["taskToken"] = Token, ["error"] = "Erasure.TransientError" }), CancellationToken.None);

        HttpEvents.Body(heartbeat)["answer"]!.GetValue<string>().Should().Be("heartbeat");
        HttpEvents.Body(failure)["answer"]!.GetValue<string>().Should().Be("failed");
        _harness.Workflow.Heartbeats.Should().Be(1);
        _harness.Workflow.AnswerOf(Token).Should().Be("error:Erasure.TransientError");
    }

    [Fact]
    public async Task HandleAsync_BatchOfTwo_EachAnswerGetsItsOwnResult()
    {
        _harness.Workflow.Issue(Token);
        var batch = new JsonObject
        {
            ["answers"] = new JsonArray(
                new JsonObject { ["taskToken"] = Token, ["outcome"] = "erased", ["receipt"] = "desk:42" },
                new JsonObject { ["taskToken"] = "never-issued", ["outcome"] = "erased", ["receipt"] = "desk:43" }),
        };

        var response = await _harness.Function("TaskCallback").HandleAsync(HttpEvents.Post("/tasks/answers", batch), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(200);
        var results = HttpEvents.Body(response)["results"]!.AsArray();
        results.Select(r => r!["status"]!.GetValue<int>()).Should().Equal(200, 404);
        results[0]!["taskId"]!.GetValue<string>().Should().Be(Gdpr.Workflows.Erasure.Contracts.ErasureTaskMessage.IdOf(Token));
        _harness.Workflow.AnswerOf(Token).Should().NotBeNull();
        response!.ToJsonString().Should().NotContain(Token);
    }

    [Fact]
    public async Task HandleAsync_UnknownToken_Answers404WithoutEchoingIt()
    {
        var response = await _harness.Function("TaskCallback").HandleAsync(
            Callback(new JsonObject { ["taskToken"] = Token, ["outcome"] = "erased", ["receipt"] = "desk:1" }), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(404);
        response!.ToJsonString().Should().NotContain(Token);
    }

    [Fact]
    public async Task HandleAsync_ReceiptHoldsAnEmailAddress_Answers400WithoutEchoingIt()
    {
        _harness.Workflow.Issue(Token);

        var response = await _harness.Function("TaskCallback").HandleAsync(
            Callback(new JsonObject { ["taskToken"] = Token, ["outcome"] = "erased", ["receipt"] = FunctionHarness.Email }), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
        response.ShouldHoldNoPersonalData();
    }

    [Fact]
    public async Task HandleAsync_LoneSurrogateInAString_Answers400NotA500()
    {
        // Valid JSON, but "\uD800" alone is not text: the reliability report's hostile inputs found it answered 500.
        var response = await _harness.Function("TaskCallback").HandleAsync(
            HttpEvents.Event("POST", "/tasks/callback", """{"taskToken": "\uD800", "heartbeat": true}""", FunctionHarness.OfficerArn, null), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
        HttpEvents.Body(response)["error"]!["message"]!.GetValue<string>().Should().Contain("lone UTF-16 surrogate");
    }

    [Fact]
    public async Task HandleAsync_OfficerVerifies_ContinuesTheWaitingWorkflow()
    {
        var requestId = await _harness.StartedRequestAsync(authenticated: false);
        _harness.Workflow.Issue(VerificationToken);
        await _harness.Function("Verification").HandleAsync(FunctionHarness.StepPayload(requestId, ("taskToken", VerificationToken)), CancellationToken.None);

        var response = await _harness.Function("TaskCallback").HandleAsync(
            Decision(requestId, new JsonObject { ["verified"] = true, ["method"] = "id-document" }), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(200);
        HttpEvents.Body(response)["verification"]!.GetValue<string>().Should().Be("Verified");
        _harness.Workflow.AnswerOf(VerificationToken).Should().Be("""{"verified":true}""");
        response.ShouldHoldNoPersonalData();
    }

    [Fact]
    public async Task HandleAsync_SameDecisionAgain_Answers200AndDeliversOnce()
    {
        var requestId = await _harness.StartedRequestAsync(authenticated: false);
        _harness.Workflow.Issue(VerificationToken);
        await _harness.Function("Verification").HandleAsync(FunctionHarness.StepPayload(requestId, ("taskToken", VerificationToken)), CancellationToken.None);
        var callback = _harness.Function("TaskCallback");
        await callback.HandleAsync(Decision(requestId, new JsonObject { ["verified"] = true, ["method"] = "id-document" }), CancellationToken.None);

        var repeat = await callback.HandleAsync(Decision(requestId, new JsonObject { ["verified"] = true, ["method"] = "id-document" }), CancellationToken.None);

        HttpEvents.StatusCode(repeat).Should().Be(200);
    }

    [Fact]
    public async Task HandleAsync_VerifiedWithReceivedOn_StartsTheClockTheDayTheInformationArrived()
    {
        // Received Monday 3 March 2025; the passport copy arrived Wednesday 5 March; the officer decides Monday 10 March.
        // The month runs from 5 March to 5 April, a Saturday, so the deadline is Monday 7 April 2025 (not 10 April).
        var requestId = await _harness.StartedRequestAsync(authenticated: false);
        _harness.Workflow.Issue(VerificationToken);
        await _harness.Function("Verification").HandleAsync(FunctionHarness.StepPayload(requestId, ("taskToken", VerificationToken)), CancellationToken.None);
        _harness.Time.Advance(TimeSpan.FromDays(7));

        var response = await _harness.Function("TaskCallback").HandleAsync(
            Decision(requestId, new JsonObject { ["verified"] = true, ["method"] = "id-document", ["receivedOn"] = "2025-03-05" }), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(200);
        HttpEvents.Body(response)["dueDate"]!.GetValue<string>().Should().Be("2025-04-07");
    }

    [Theory]
    [InlineData(true, "2025-03-11")] // tomorrow
    [InlineData(true, "2025-03-02")] // before the request arrived
    [InlineData(true, "5 March 2025")]
    [InlineData(false, "2025-03-05")] // a rejection has no arrival day
    public async Task HandleAsync_BadReceivedOn_Answers400AndRecordsNothing(bool verified, string receivedOn)
    {
        var requestId = await _harness.StartedRequestAsync(authenticated: false);
        _harness.Workflow.Issue(VerificationToken);
        await _harness.Function("Verification").HandleAsync(FunctionHarness.StepPayload(requestId, ("taskToken", VerificationToken)), CancellationToken.None);
        _harness.Time.Advance(TimeSpan.FromDays(7));
        var body = new JsonObject { ["verified"] = verified, [verified ? "method" : "reason"] = verified ? "id-document" : "not-matching", ["receivedOn"] = receivedOn };

        var response = await _harness.Function("TaskCallback").HandleAsync(Decision(requestId, body), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
        _harness.Workflow.AnswerOf(VerificationToken).Should().BeNull();
    }

    [Fact]
    public async Task HandleAsync_DecisionWithoutVerified_Answers400()
    {
        var requestId = await _harness.StartedRequestAsync(authenticated: false);

        var response = await _harness.Function("TaskCallback").HandleAsync(Decision(requestId, new JsonObject { ["method"] = "id-document" }), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
    }

    public void Dispose() => _harness.Dispose();
}
