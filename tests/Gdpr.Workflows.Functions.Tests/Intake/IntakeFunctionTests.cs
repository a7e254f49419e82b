using System.Text.Json.Nodes;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.Intake;

public sealed class IntakeFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new();

    [Fact]
    public async Task HandleAsync_NewSubmission_Answers201AndStartsTheWorkflow()
    {
        var response = await _harness.Function("Intake").HandleAsync(HttpEvents.Post("/requests", FunctionHarness.IntakeBody()), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(201);
        var body = HttpEvents.Body(response);
        body["created"]!.GetValue<bool>().Should().BeTrue();
        body["status"]!.GetValue<string>().Should().Be("Received");
        _harness.Workflow.Starts.Should().Equal(body["requestId"]!.GetValue<string>());
    }

    [Fact]
    public async Task HandleAsync_SameIdempotencyKeyAgain_Answers200WithTheFirstRequest()
    {
        var intake = _harness.Function("Intake");

        var first = HttpEvents.Body(await intake.HandleAsync(HttpEvents.Post("/requests", FunctionHarness.IntakeBody(idempotencyKey: "form-42")), CancellationToken.None));
        var repeat = await intake.HandleAsync(HttpEvents.Post("/requests", FunctionHarness.IntakeBody(idempotencyKey: "form-42")), CancellationToken.None);

        HttpEvents.StatusCode(repeat).Should().Be(200);
        HttpEvents.Body(repeat)["requestId"]!.GetValue<string>().Should().Be(first["requestId"]!.GetValue<string>());
        HttpEvents.Body(repeat)["created"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"channel": "web-form"}""")]
    [InlineData("""{"identifiers": [{"kind": "email"}], "channel": "web-form"}""")]
    [InlineData("""{"identifiers": [{"kind": "shoe-size", "value": "9"}], "channel": "web-form"}""")]
    [InlineData("""not json at all""")]
    public async Task HandleAsync_MalformedBody_Answers400(string body)
    {
        var response = await _harness.Function("Intake").HandleAsync(HttpEvents.Event("POST", "/requests", body, FunctionHarness.OfficerArn, null), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
        HttpEvents.Body(response)["error"]!.GetValue<string>().Should().Be("Erasure.InvalidInput");
    }

    [Fact]
    public async Task HandleAsync_InvalidEmail_Answers400WithoutEchoingIt()
    {
        var body = new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = "alice.smith@@Example" }), ["channel"] = "web-form" };

        var response = await _harness.Function("Intake").HandleAsync(HttpEvents.Post("/requests", body), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
        response.ShouldHoldNoPersonalData();
    }

    [Fact]
    public async Task HandleAsync_Answer_HoldsNoIdentifiers()
    {
        var response = await _harness.Function("Intake").HandleAsync(HttpEvents.Post("/requests", FunctionHarness.IntakeBody()), CancellationToken.None);

        response.ShouldHoldNoPersonalData();
    }

    [Fact]
    public async Task HandleAsync_ReceivedAtGiven_TheClockCountsFromIt()
    {
        // Arrived Fri 31 Jan 2025 (authenticated: the clock starts on receipt): no 31 Feb → Fri 28 Feb 2025, not a month
        // from the day it was keyed in.
        var body = FunctionHarness.IntakeBody(authenticated: true);
        body["receivedAt"] = "2025-01-31";

        var response = await _harness.Function("Intake").HandleAsync(HttpEvents.Post("/requests", body), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(201);
        HttpEvents.Body(response)["dueDate"]!.GetValue<string>().Should().Be("2025-02-28");
    }

    [Theory]
    [InlineData("2999-01-01")] // in the future
    [InlineData("31/01/2025")] // not ISO
    public async Task HandleAsync_BadReceivedAt_Answers400(string receivedAt)
    {
        var body = FunctionHarness.IntakeBody();
        body["receivedAt"] = receivedAt;

        var response = await _harness.Function("Intake").HandleAsync(HttpEvents.Post("/requests", body), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
        _harness.Workflow.Starts.Should().BeEmpty();
    }

    public void Dispose() => _harness.Dispose();
}
