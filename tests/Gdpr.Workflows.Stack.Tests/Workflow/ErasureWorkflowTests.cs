using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations;

namespace Gdpr.Workflows.Stack.Tests.Workflow;

public sealed class ErasureWorkflowTests : IAsyncDisposable
{
    private readonly ErasureWorkflowHarness harness = new();

    public ValueTask DisposeAsync() => harness.DisposeAsync();

    private static JsonObject System(string name, string mode, int heartbeatSeconds = 600, int timeoutSeconds = 86_400) => new()
    {
        ["system"] = name,
        ["mode"] = mode,
        ["heartbeatSeconds"] = heartbeatSeconds,
        ["timeoutSeconds"] = timeoutSeconds,
        ["expectedBy"] = "2026-04-02",
        ["respondBy"] = "2026-03-03T09:00:00Z",
    };

    [Fact]
    public async Task Run_SyncAndAsyncSystems_RecordsEachOutcomeNotifiesRecipientsAnnouncesAndShreds()
    {
        harness.Systems = [System("crm", "sync"), System("billing", "async")];

        var execution = await harness.StartAsync();
        var token = await harness.TokenAsync("billing");
        await harness.Engine.SendTaskSuccessAsync(token, """{"outcome": "erased", "receipt": "billing-7"}""");
        var result = await harness.CompletionAsync(execution);

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        harness.LedgerEvents.Should().StartWith("RequestStarted").And.HaveCount(5)
            .And.Contain(["SystemErased", "SystemErased", "RecipientsNotified", "RecipientsNotified"]);
        var erased = harness.Calls("LedgerFunction").Where(p => (string?)p["event"] == "SystemErased").ToList();
        erased.Select(p => (string?)p["system"]).Should().BeEquivalentTo(["crm", "billing"]);
        erased.Should().OnlyContain(p => (string?)p["erasure"]!["outcome"] == "erased");
        erased.Select(p => (string?)p["erasure"]!["receipt"]).Should().BeEquivalentTo(["crm-receipt", "billing-7"]);
        harness.Calls("RecipientsFunction").Select(p => (string?)p["system"]).Should().BeEquivalentTo(["crm", "billing"]);
        var outcomes = harness.Calls("FinalizerFunction").Should().ContainSingle().Which["outcomes"]!.AsArray();
        outcomes.Select(o => (string?)o!["result"]).Should().Equal("erased", "erased");
        harness.Calls("VaultShredderFunction").Should().ContainSingle();
    }

    [Fact]
    public async Task Run_Completion_AnnouncesIdStatusAndCountsOnly()
    {
        harness.Systems = [System("crm", "sync")];

        var result = await harness.CompletionAsync(await harness.StartAsync("req-42"));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var (topic, message) = harness.Messages.Should().ContainSingle().Subject;
        topic.Should().Be("CompletionTopic");
        JsonNode.DeepEquals(message, JsonNode.Parse("""
            {"kind": "ErasureCompleted", "requestId": "req-42", "status": "completed", "counts": {"erased": 1, "failed": 0, "noResponse": 0}}
            """)).Should().BeTrue(message.ToJsonString());
    }

    [Fact]
    public async Task Run_AnyExecution_PassesOnlyIdsSystemNamesAndOutcomesToTasks()
    {
        // The allow-list of payload fields: a new field is a deliberate decision that no personal data travels in it.
        string[] allowed =
        [
            "FunctionName", "Payload", "TopicArn", "Message", "MessageAttributes", "DataType", "StringValue",
            "event", "requestId", "executionId", "system", "taskToken", "erasure", "outcome", "receipt", "notification",
            "status", "reason", "recipientCount", "outcomes", "result", "recipients", "error", "counts", "erased", "failed",
            "noResponse", "kind", "heartbeatSeconds", "timeoutSeconds", "retries", "contractVersion", "taskId", "expectedBy", "respondBy",

            // Each Art. 19 recipient's result is named by its registry name (an organisation, like a system name).
            "name",
        ];
        harness.Systems = [System("crm", "sync"), System("billing", "async", heartbeatSeconds: 60)];
        var execution = await harness.StartAsync();
        _ = await harness.TokenAsync("billing");
        harness.Time.Advance(TimeSpan.FromSeconds(61));
        (await harness.CompletionAsync(execution)).Status.Should().Be(ExecutionStatus.Succeeded);

        var history = await harness.HistoryAsync(execution);
        var parameters = history.Where(e => e.Type == "TaskScheduled")
            .Select(e => JsonNode.Parse((string)e.Details!["parameters"]!))
            .ToList();

        parameters.Should().HaveCountGreaterThan(8);
        parameters.SelectMany(KeysOf).Distinct().Should().BeSubsetOf(allowed);
        JsonNode.Parse(history[0].Details!["input"]!.GetValue<string>())!.AsObject().Select(p => p.Key).Should().Equal("requestId");
    }

    [Fact]
    public async Task Run_IdentityWaitTimesOut_ReviewedAgainNeverRejected()
    {
        // Officers slow: each timeout goes back to the review, which escalates and waits again; nothing closes the request.
        harness.RequestStarted = new() { ["needsVerification"] = true, ["deadlineHorizonSeconds"] = 3600 };
        harness.IdentityReviews.Clear();
        harness.IdentityReviews.Add(new() { ["next"] = "wait", ["waitSeconds"] = 60 });

        var execution = await harness.StartAsync();
        _ = await harness.TokenAsync("verification");
        for (var waits = 1; waits <= 3; waits++)
        {
            await WaitsAsync(waits);
            harness.Time.Advance(TimeSpan.FromSeconds(61));
        }

        await WaitsAsync(4);

        var described = await harness.Engine.DescribeExecutionAsync(execution);
        described.Status.Should().Be(ExecutionStatus.Running);
        harness.LedgerEvents.Should().Equal("RequestStarted");
        harness.Calls("VerificationFunction").Count(p => (string?)p["action"] == "review").Should().BeGreaterThan(1);
    }

    /// <summary>Until the workflow has entered the identity wait <paramref name="count"/> times (each stores a token).</summary>
    private async Task WaitsAsync(int count)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (harness.Calls("VerificationFunction").Count(p => p["taskToken"] is not null) < count)
        {
            DateTime.UtcNow.Should().BeBefore(until, $"the workflow should enter the identity wait {count} times");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Run_RequesterNeverSendsIdentity_ClosesAsNotProvidedAndShredsTheVault()
    {
        harness.RequestStarted = new() { ["needsVerification"] = true, ["deadlineHorizonSeconds"] = 3600 };
        harness.IdentityReviews.Clear();
        harness.IdentityReviews.Add(new() { ["next"] = "wait", ["waitSeconds"] = 60 }); // until the reminder
        harness.IdentityReviews.Add(new() { ["next"] = "close", ["waitSeconds"] = 1 });

        var execution = await harness.StartAsync();
        _ = await harness.TokenAsync("verification");
        harness.Time.Advance(TimeSpan.FromSeconds(61));
        var result = await harness.CompletionAsync(execution);

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("Erasure.NotVerified");
        harness.LedgerEvents.Should().Equal("RequestStarted", "IdentityNotProvided");
        harness.Calls("VaultShredderFunction").Should().ContainSingle();
        harness.Calls("SystemsFunction").Should().BeEmpty();
    }

    [Fact]
    public async Task Run_OfficerRejectsIdentity_RecordsTheRejectionAndFails()
    {
        harness.RequestStarted = new() { ["needsVerification"] = true, ["deadlineHorizonSeconds"] = 3600 };

        var execution = await harness.StartAsync();
        await harness.Engine.SendTaskFailureAsync(await harness.TokenAsync("verification"), "Erasure.IdentityRejected", "documents did not match");
        var result = await harness.CompletionAsync(execution);

        result.Error.Should().Be("Erasure.NotVerified");
        harness.LedgerEvents.Should().Equal("RequestStarted", "IdentityRejected");
        harness.Calls("VaultShredderFunction").Should().ContainSingle();
    }

    [Fact]
    public async Task Run_IdentityVerified_ContinuesToErasure()
    {
        harness.RequestStarted = new() { ["needsVerification"] = true, ["deadlineHorizonSeconds"] = 3600 };
        harness.Systems = [System("crm", "sync")];

        var execution = await harness.StartAsync();
        var verification = harness.Calls("VerificationFunction").Where(p => p["taskToken"] is not null);
        await harness.Engine.SendTaskSuccessAsync(await harness.TokenAsync("verification"), """{"verified": true}""");
        var result = await harness.CompletionAsync(execution);

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        verification.Should().ContainSingle().Which["requestId"]!.GetValue<string>().Should().Be("req-0001");
        harness.LedgerEvents.Should().Contain("SystemErased");
    }

    [Fact]
    public async Task Run_AsyncSystemMissesItsHeartbeat_RecordsNoResponseEscalatesAndStillCompletes()
    {
        harness.Systems = [System("legacy-hr", "async", heartbeatSeconds: 60, timeoutSeconds: 86_400)];

        var execution = await harness.StartAsync();
        _ = await harness.TokenAsync("legacy-hr");
        harness.Time.Advance(TimeSpan.FromSeconds(61));
        var result = await harness.CompletionAsync(execution);

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        harness.Calls("LedgerFunction").Should().Contain(p => (string?)p["event"] == "SystemDidNotRespond" && (string?)p["error"] == "States.HeartbeatTimeout");
        harness.Messages.Should().Contain(m => m.Topic == "OfficerTopic" && (string?)m.Message["kind"] == "SystemDidNotRespond");
        harness.Calls("FinalizerFunction").Single()["outcomes"]![0]!["result"]!.GetValue<string>().Should().Be("no_response");
        harness.Calls("RecipientsFunction").Should().BeEmpty("nothing was erased, so there is nothing to tell recipients");
    }

    [Fact]
    public async Task Run_SyncEraseTransientError_IsRetriedThenRecordedOnce()
    {
        var attempts = 0;
        harness.Systems = [System("crm", "sync")];
        harness.SyncErase = system => ++attempts < 3
            ? throw new TaskFailedException("Erasure.TransientError", "crm timed out")
            : new JsonObject { ["outcome"] = "erased", ["receipt"] = "crm-3" };

        var result = await harness.DriveToCompletionAsync(await harness.StartAsync(), TimeSpan.FromSeconds(5));

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        attempts.Should().Be(3);
        harness.LedgerEvents.Count(e => e == "SystemErased").Should().Be(1);
    }

    [Fact]
    public async Task Run_SyncErasePermanentError_RecordsTheFailureAndFinalizesWithIt()
    {
        harness.Systems = [System("crm", "sync"), System("shop", "sync")];
        harness.SyncErase = system => system == "shop"
            ? throw new TaskFailedException("Erasure.SystemRejected", "shop refused: legal hold")
            : new JsonObject { ["outcome"] = "erased", ["receipt"] = "crm-1" };

        var result = await harness.CompletionAsync(await harness.StartAsync());

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        harness.Calls("LedgerFunction").Should().ContainSingle(p => (string?)p["event"] == "SystemErasureFailed")
            .Which["error"]!.GetValue<string>().Should().Be("Erasure.SystemRejected");
        harness.Messages.Single(m => m.Topic == "CompletionTopic").Message["counts"]!["failed"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task Run_UnknownErasureMode_IsRecordedAsAFailedSystem()
    {
        harness.Systems = [System("fax", "carrier-pigeon")];

        var result = await harness.CompletionAsync(await harness.StartAsync());

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        harness.Calls("LedgerFunction").Should().ContainSingle(p => (string?)p["event"] == "SystemErasureFailed")
            .Which["error"]!.GetValue<string>().Should().Be("Erasure.UnsupportedMode");
    }

    [Fact]
    public async Task Run_RecipientNotificationFails_IsRecordedAsFailedAndErasureStillCounts()
    {
        harness.Systems = [System("crm", "sync")];
        harness.Recipients = _ => throw new TaskFailedException("Erasure.RecipientUnreachable", "partner API down");

        var result = await harness.CompletionAsync(await harness.StartAsync());

        result.Status.Should().Be(ExecutionStatus.Succeeded, result.Cause);
        var notification = harness.Calls("LedgerFunction").Single(p => (string?)p["event"] == "RecipientsNotified")["notification"]!;
        JsonNode.DeepEquals(notification, JsonNode.Parse("""{"status": "failed", "reason": "Erasure.RecipientUnreachable", "recipientCount": 0, "recipients": []}"""))
            .Should().BeTrue(notification.ToJsonString());
    }

    [Fact]
    public async Task Run_UnexpectedError_RecordsWorkflowFailureAndKeepsTheVaultForARedrive()
    {
        harness.SystemsError = new TaskFailedException("Erasure.UnknownRequest", "no request req-0001");

        var result = await harness.CompletionAsync(await harness.StartAsync());

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("Erasure.WorkflowFailed");
        harness.LedgerEvents.Should().Equal("RequestStarted", "WorkflowFailed");
        harness.Calls("VaultShredderFunction").Should().BeEmpty();
    }

    [Fact]
    public async Task Run_ReplyCannotBeSent_FailsWithoutShreddingSoTheReplyCanBeRedriven()
    {
        harness.Systems = [System("crm", "sync")];
        harness.ReplyError = new TaskFailedException("Erasure.ReplyUndeliverable", "no address");

        var result = await harness.CompletionAsync(await harness.StartAsync());

        result.Status.Should().Be(ExecutionStatus.Failed);
        result.Error.Should().Be("Erasure.WorkflowFailed");
        harness.Calls("ReplyFunction").Should().ContainSingle().Which["requestId"]!.GetValue<string>().Should().Be("req-0001");
        harness.LedgerEvents.Should().EndWith("WorkflowFailed");
        harness.Calls("VaultShredderFunction").Should().BeEmpty("the requester's address is in the vault and the reply still has to go");
    }

    [Fact]
    public async Task Run_Completed_SendsTheReplyBeforeShredding()
    {
        harness.Systems = [System("crm", "sync")];

        (await harness.CompletionAsync(await harness.StartAsync())).Status.Should().Be(ExecutionStatus.Succeeded);

        var order = harness.Invocations.Select(i => i.Function).Where(f => f is "ReplyFunction" or "VaultShredderFunction");
        order.Should().Equal("ReplyFunction", "VaultShredderFunction");
    }

    [Fact]
    public async Task Run_Stopped_EndsAbortedWithoutShredding()
    {
        harness.Systems = [System("billing", "async")];

        var execution = await harness.StartAsync();
        _ = await harness.TokenAsync("billing");
        await harness.Engine.StopExecutionAsync(execution, "Erasure.Cancelled", "requester withdrew");
        var result = await harness.CompletionAsync(execution);

        result.Status.Should().Be(ExecutionStatus.Aborted);
        harness.Calls("VaultShredderFunction").Should().BeEmpty("a stop is recorded and shredded by the ExecutionEnded rule, outside the definition");
    }

    private static IEnumerable<string> KeysOf(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => KeysOf(p.Value).Prepend(p.Key)),
        JsonArray array => array.SelectMany(KeysOf),
        _ => [],
    };
}
