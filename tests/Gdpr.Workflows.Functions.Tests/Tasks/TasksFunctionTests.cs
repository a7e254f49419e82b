using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.Tasks;

/// <summary>
/// The deployed pull: the tasks topic's SNS events kept, a system's role listing its own open tasks and reading an open
/// task's subject, and every other caller refused or told "not found".
/// </summary>
public sealed class TasksFunctionTests
{
    private const string DeskRole = "arn:aws:sts::123456789012:assumed-role/gdpr-system-support-desk/connector";
    private const string CrmRole = "arn:aws:sts::123456789012:assumed-role/gdpr-system-crm/connector";

    [Fact]
    public async Task Pull_TaskFromTheTopic_ListedForItsSystemOnly()
    {
        using var harness = new FunctionHarness();
        var requestId = await harness.StartedRequestAsync();
        var task = await SendAsync(harness, requestId);

        var desk = await CallAsync(harness, "/tasks", DeskRole);
        var crm = await CallAsync(harness, "/tasks", CrmRole);

        HttpEvents.StatusCode(desk).Should().Be(200);
        var listed = HttpEvents.Body(desk)["tasks"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        listed["taskId"]!.GetValue<string>().Should().Be(task.TaskId);
        listed["taskToken"]!.GetValue<string>().Should().Be(task.TaskToken);
        listed["state"]!.GetValue<string>().Should().Be("open");
        HttpEvents.Body(crm)["tasks"]!.AsArray().Should().BeEmpty();
        desk.ShouldHoldNoPersonalData();
    }

    [Fact]
    public async Task Subject_OwnOpenTask_IdentifiersToThatSystemOnly()
    {
        using var harness = new FunctionHarness();
        var requestId = await harness.StartedRequestAsync();
        var task = await SendAsync(harness, requestId);
        var path = $"/tasks/{task.TaskId}/subject";

        var own = await CallAsync(harness, path, DeskRole, task.TaskId);
        var other = await CallAsync(harness, path, CrmRole, task.TaskId);
        var officer = await CallAsync(harness, path, FunctionHarness.OfficerArn, task.TaskId);

        HttpEvents.StatusCode(own).Should().Be(200);
        HttpEvents.Body(own)["identifiers"]!.AsArray().Select(i => i!["kind"]!.GetValue<string>()).Should().Contain("email");
        HttpEvents.StatusCode(other).Should().Be(404);
        other.ShouldHoldNoPersonalData();
        HttpEvents.StatusCode(officer).Should().Be(403);
    }

    [Fact]
    public async Task Subject_TaskPastItsTimeout_IsNotDisclosed()
    {
        using var harness = new FunctionHarness();
        var requestId = await harness.StartedRequestAsync();
        var task = await SendAsync(harness, requestId);
        harness.Time.Advance(TimeSpan.FromSeconds(task.TimeoutSeconds));

        var late = await CallAsync(harness, $"/tasks/{task.TaskId}/subject", DeskRole, task.TaskId);

        HttpEvents.StatusCode(late).Should().Be(409);
        late.ShouldHoldNoPersonalData();
        HttpEvents.Body(await CallAsync(harness, "/tasks", DeskRole))["tasks"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Pull_HeartbeatIntervalPassedWithoutAHeartbeat_NoLongerListed()
    {
        using var harness = new FunctionHarness();
        var task = await SendAsync(harness, await harness.StartedRequestAsync());
        harness.Time.Advance(TimeSpan.FromSeconds(task.HeartbeatSeconds));

        HttpEvents.Body(await CallAsync(harness, "/tasks", DeskRole))["tasks"]!.AsArray().Should().BeEmpty("its heartbeat interval passed since it was sent, long before its timeout");
        HttpEvents.StatusCode(await CallAsync(harness, $"/tasks/{task.TaskId}/subject", DeskRole, task.TaskId)).Should().Be(409);
    }

    [Fact]
    public async Task Pull_HeartbeatThroughTheCallback_ListedUntilAWholeIntervalWithoutOne()
    {
        using var harness = new FunctionHarness();
        var task = await SendAsync(harness, await harness.StartedRequestAsync());
        harness.Workflow.Issue(task.TaskToken);
        harness.Time.Advance(TimeSpan.FromSeconds(task.HeartbeatSeconds - 60));

        // The heartbeat goes through the TaskCallback function, which keeps it beside the task tokens.
        var beat = await harness.Function("TaskCallback").HandleAsync(HttpEvents.Post("/tasks/callback", new JsonObject { ["taskToken"] = task.TaskToken, ["heartbeat"] = true }), CancellationToken.None);
        HttpEvents.StatusCode(beat).Should().Be(200);
        harness.Time.Advance(TimeSpan.FromSeconds(60));
        HttpEvents.Body(await CallAsync(harness, "/tasks", DeskRole))["tasks"]!.AsArray().Select(t => t!["taskId"]!.GetValue<string>()).Should().Equal(task.TaskId);

        harness.Time.Advance(TimeSpan.FromSeconds(task.HeartbeatSeconds - 60));
        HttpEvents.Body(await CallAsync(harness, "/tasks", DeskRole))["tasks"]!.AsArray().Should().BeEmpty("no heartbeat came for a whole interval");
    }

    [Theory]
    [InlineData("21")]
    [InlineData("-1")]
    [InlineData("soon")]
    public async Task Pull_WaitOutsideZeroToTwenty_IsBadInput(string wait)
    {
        using var harness = new FunctionHarness();
        var pull = HttpEvents.Event("GET", "/tasks", null, DeskRole, null);
        pull["queryStringParameters"] = new JsonObject { ["wait"] = wait };

        var response = await harness.Function("Tasks").HandleAsync(pull, CancellationToken.None);

        HttpEvents.StatusCode(response).Should().Be(400);
        HttpEvents.Body(response)["error"]!["message"]!.GetValue<string>().Should().Contain("0 to 20");
    }

    /// <summary>Delivers a task for the support desk as the tasks topic does (an SNS event).</summary>
    private static async Task<ErasureTaskMessage> SendAsync(FunctionHarness harness, string requestId)
    {
        var task = new ErasureTaskMessage(requestId, "support-desk", "token-" + requestId, 3600, 86400, new DateOnly(2025, 4, 3), FunctionHarness.Start.AddDays(1));
        var sns = new JsonObject
        {
            ["Records"] = new JsonArray(new JsonObject
            {
                ["EventSource"] = "aws:sns",
                ["Sns"] = new JsonObject { ["Message"] = task.ToJson().ToJsonString(), ["MessageAttributes"] = new JsonObject() },
            }),
        };
        (await harness.Function("Tasks").HandleAsync(sns, CancellationToken.None))!["recorded"]!.GetValue<int>().Should().Be(1);
        return task;
    }

    private static Task<JsonNode?> CallAsync(FunctionHarness harness, string path, string callerArn, string? taskId = null) =>
        harness.Function("Tasks").HandleAsync(
            HttpEvents.Event("GET", path, null, callerArn, taskId is null ? null : new Dictionary<string, string> { ["taskId"] = taskId }),
            CancellationToken.None);
}
