using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.Deadline;

public sealed class DeadlineFunctionTests : IDisposable
{
    private readonly FunctionHarness _harness = new(clock: new ClockSettings { ClarificationPause = ClarificationPause.AnyRequest });

    private static JsonObject Post(string requestId, string action, JsonNode? body, string callerArn = FunctionHarness.OfficerArn) =>
        HttpEvents.Post($"/requests/{requestId}/{action}", body, callerArn, HttpEvents.RequestId(requestId));

    private Task<JsonNode?> CallAsync(string requestId, string action, JsonNode? body, string callerArn = FunctionHarness.OfficerArn) =>
        _harness.Function("Deadline").HandleAsync(Post(requestId, action, body, callerArn), CancellationToken.None);

    [Fact]
    public async Task HandleAsync_Extension_Answers200WithTheDeadlineTwoMonthsLater()
    {
        var requestId = await _harness.StartedRequestAsync();
        var before = HttpEvents.Body(await _harness.Function("Status").HandleAsync(HttpEvents.Get($"/requests/{requestId}", HttpEvents.RequestId(requestId)), CancellationToken.None));

        var response = await CallAsync(requestId, "extension", new JsonObject { ["months"] = 2, ["reason"] = "complex", ["detail"] = "Four archives to search." });

        HttpEvents.StatusCode(response).Should().Be(200);
        var body = HttpEvents.Body(response);
        var due = DateOnly.Parse(before["deadline"]!["dueDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        DateOnly.Parse(body["deadline"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Should().BeAfter(due.AddMonths(1));
        body["extensions"]!.AsArray().Single()!["inEffect"]!.GetValue<bool>().Should().BeTrue();
        body["systems"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("""{"reason": "complex"}""")]
    [InlineData("""{"months": 3, "reason": "complex"}""")]
    [InlineData("""{"months": 1, "reason": "busy"}""")]
    [InlineData("""{"months": 1, "reason": "complex", "colour": "red"}""")]
    [InlineData("""{"months": 1, "reason": "complex", "toldOn": "tomorrow"}""")]
    public async Task HandleAsync_ExtensionBadBody_Answers400(string body)
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await CallAsync(requestId, "extension", JsonNode.Parse(body));

        HttpEvents.StatusCode(response).Should().Be(400);
        HttpEvents.Body(response)["error"]!["code"]!.GetValue<string>().Should().Be("bad_input");
    }

    [Fact]
    public async Task HandleAsync_PauseThenResume_StopsAndRestartsTheClockAsTheCaller()
    {
        var requestId = await _harness.StartedRequestAsync();

        var paused = await CallAsync(requestId, "pause", new JsonObject { ["reason"] = "which account the requester means" });
        var resumed = await CallAsync(requestId, "resume", null);

        HttpEvents.StatusCode(paused).Should().Be(200);
        HttpEvents.Body(paused)["deadline"]!["clockStopped"]!.GetValue<bool>().Should().BeTrue();
        HttpEvents.Body(paused)["deadline"]!["pauses"]!.AsArray().Single()!["reason"]!.GetValue<string>().Should().Be("which account the requester means");
        HttpEvents.StatusCode(resumed).Should().Be(200);
        HttpEvents.Body(resumed)["deadline"]!["clockStopped"]!.GetValue<bool>().Should().BeFalse();
        var audit = await _harness.AuditStore.ReadAllAsync(requestId);
        audit.Where(e => e.Type.Name is "DeadlinePaused" or "DeadlineResumed").Select(e => e.Actor).Should().Equal("assumed-role/GdprOfficer/jsmith", "assumed-role/GdprOfficer/jsmith");
    }

    [Fact]
    public async Task HandleAsync_PauseWithoutReason_Answers400()
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await CallAsync(requestId, "pause", new JsonObject());

        HttpEvents.StatusCode(response).Should().Be(400);
    }

    [Fact]
    public async Task HandleAsync_PauseWhereOnlyAccessRequestsMayWait_Answers409()
    {
        using var harness = new FunctionHarness();
        var requestId = await harness.StartedRequestAsync();

        var response = await harness.Function("Deadline").HandleAsync(Post(requestId, "pause", new JsonObject { ["reason"] = "clarification" }), CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(409);
        HttpEvents.Body(response)["error"]!["message"]!.GetValue<string>().Should().Contain("Art. 12A");
    }

    [Fact]
    public async Task HandleAsync_ResumeWhileTheClockRuns_Answers409()
    {
        var requestId = await _harness.StartedRequestAsync();

        var response = await CallAsync(requestId, "resume", new JsonObject());

        HttpEvents.StatusCode(response).Should().Be(409);
    }

    [Theory]
    [InlineData("extension", """{"months": 1, "reason": "complex"}""")]
    [InlineData("pause", """{"reason": "clarification"}""")]
    [InlineData("resume", null)]
    public async Task HandleAsync_UnknownRequest_Answers404(string action, string? body)
    {
        var response = await CallAsync("req-424242", action, body is null ? null : JsonNode.Parse(body));

        HttpEvents.StatusCode(response).Should().Be(404);
    }

    [Fact]
    public async Task HandleAsync_CallerWithAnEmailAddress_IsAuditedHashed()
    {
        var requestId = await _harness.StartedRequestAsync();

        await CallAsync(requestId, "extension", new JsonObject { ["months"] = 1, ["reason"] = "numerous" }, "arn:aws:sts::123456789012:assumed-role/GdprOfficer/j.smith@corp.example");

        var extended = (await _harness.AuditStore.ReadAllAsync(requestId)).Single(e => e.Type.Name == "DeadlineExtended");
        extended.Actor.Should().StartWith("assumed-role/GdprOfficer/sha256-").And.NotContain("@");
    }

    [Fact]
    public async Task HandleAsync_Answers_HoldNoIdentifiers()
    {
        var requestId = await _harness.StartedRequestAsync();

        (await CallAsync(requestId, "extension", new JsonObject { ["months"] = 1, ["reason"] = "complex" })).ShouldHoldNoPersonalData();
        (await CallAsync(requestId, "pause", new JsonObject { ["reason"] = "clarification" })).ShouldHoldNoPersonalData();
    }

    public void Dispose() => _harness.Dispose();
}
