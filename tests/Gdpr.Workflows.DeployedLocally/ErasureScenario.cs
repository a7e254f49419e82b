using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.DeployedLocally;

/// <summary>
/// A whole request through the deployed stack, each step through the interface a person or system uses on AWS: intake
/// through the HTTP API's route, the officer's identity decision through its route, the sync system erased through its
/// connector, the async system's task read from its SNS topic (an SQS subscription) and answered with the AWS CLI's
/// <c>stepfunctions send-task-success</c>, the completion read from the completion topic; then a second request
/// cancelled through its route while it waits for the async system, the ExecutionEnded rule's targets invoked as
/// EventBridge would, the schedules' targets once, and both audit chains verified from the tables by <c>gdpr audit
/// verify --aws</c>. Every wait is bounded; a step that fails throws naming what it saw.
/// </summary>
internal sealed class ErasureScenario(SamTemplate template, StackResources stack, Functions functions, HttpClient http, Uri frontDoor, Uri engine, AwsCli cli, Func<string, Task> verifyChain)
{
    private static readonly TimeSpan StepWait = TimeSpan.FromSeconds(120);
    private readonly Dictionary<string, string> _queues = new(StringComparer.Ordinal);

    public async Task<(string RequestId, string Status)> RunAsync()
    {
        var machine = template.StateMachines.Values.Single();
        var definition = Path.Combine(Path.GetTempPath(), $"deployed-locally-{Environment.ProcessId}.asl.json");
        await File.WriteAllTextAsync(definition, machine.DefinitionJson);
        var created = await cli.RunAsync(engine, "stepfunctions", "create-state-machine", "--name", machine.Name, "--definition", "file://" + definition,
            "--role-arn", "arn:aws:iam::123456789012:role/gdpr-workflows-dev-erasure", "--type", "STANDARD");
        File.Delete(definition);
        var machineArn = created?["stateMachineArn"]?.GetValue<string>();
        Expect(machineArn == stack.RefOf(machine.LogicalId), $"state machine {machineArn}, the functions' STATE_MACHINE_ARN is {stack.RefOf(machine.LogicalId)}");
        Step($"state machine {machine.Name} created through the Step Functions API (aws stepfunctions create-state-machine)");

        foreach (var topic in new[] { "ErasureTasksTopic", "CompletionTopic" })
        {
            _queues[topic] = await SubscribeQueueAsync(topic);
        }

        // Request A: verified by an officer, erased in crm (sync) and billing (async), completed.
        var (requestA, executionA) = await SubmitAsync("jane.deployed@example.com", "C-1001", authenticated: false, "deployed-a");
        Step($"intake: POST /requests -> request {requestA}");
        await WaitForStatusAsync(requestA, "AwaitingVerification");
        // The status turns AwaitingVerification when the workflow starts; the officer can decide once the Verification
        // function has stored the task token, i.e. once it has answered its invocation.
        await WaitUntilAsync(() => functions["VerificationFunction"].Answered > 0, "the Verification function never answered");
        var verified = await SendAsync(HttpMethod.Post, $"requests/{requestA}/verification", new JsonObject { ["verified"] = true, ["method"] = "id-document" });
        Step($"verification: POST /requests/{requestA}/verification -> {verified["status"]}");
        var token = await TaskTokenForAsync(requestA, "billing");
        await cli.RunAsync(engine, "stepfunctions", "send-task-success", "--task-token", token,
            "--task-output", """{"outcome":"erased","receipt":{"reference":"billing-ticket-1"}}""");
        Step("async system billing: task read from ErasureTasksTopic, answered with aws stepfunctions send-task-success");
        var endedA = await WaitForExecutionAsync(executionA);
        Expect(endedA == "SUCCEEDED", $"execution of {requestA} ended {endedA}");
        var completion = await ReceiveAsync("CompletionTopic", m => m["requestId"]?.GetValue<string>() == requestA);
        Step($"completion published on CompletionTopic: {completion["status"]} ({completion["counts"]?.ToJsonString()})");
        Expect(functions["SyncEraseFunction"].ColdStarts > 0, "the sync system was never erased through SyncErase");
        var statusA = (await SendAsync(HttpMethod.Get, $"requests/{requestA}", null))["status"]?.GetValue<string>() ?? "?";
        Expect(statusA == completion["status"]?.GetValue<string>(), $"GET /requests/{requestA} says {statusA}, the completion said {completion["status"]}");
        var history = await SendAsync(HttpMethod.Get, $"requests/{requestA}/history", null);
        Expect(history["chainIntact"]?.GetValue<bool>() == true, $"GET /requests/{requestA}/history: chain not intact ({history["chainBreak"]})");
        Step($"request {requestA}: {statusA}; GET /requests/{requestA}/history: {(history["events"] as JsonArray)?.Count} audit events, chain intact");

        // Request B: withdrawn while billing has not answered.
        var (requestB, executionB) = await SubmitAsync("sam.withdrawn@example.com", "C-1002", authenticated: true, "deployed-b");
        Step($"intake: POST /requests -> request {requestB} (requester authenticated)");
        _ = await TaskTokenForAsync(requestB, "billing");
        // The officer's decisions through the same front door: an extension (its clock runs: the requester was
        // authenticated), and a retry of its running workflow (200: nothing to restart).
        var extended = await SendAsync(HttpMethod.Post, $"requests/{requestB}/extension", new JsonObject { ["months"] = 1, ["reason"] = "complex", ["detail"] = "Billing archives to search." });
        Expect(extended["extensions"] is JsonArray { Count: 1 }, $"POST /requests/{requestB}/extension answered {extended.ToJsonString()}");
        var retried = await SendAsync(HttpMethod.Post, $"requests/{requestB}/retry", null);
        Expect(retried["requestId"]?.GetValue<string>() == requestB, $"POST /requests/{requestB}/retry answered {retried.ToJsonString()}");
        Step($"officer: POST /requests/{requestB}/extension -> deadline {extended["deadline"]}; POST /requests/{requestB}/retry -> {retried["status"]}, workflow running");
        await SendAsync(HttpMethod.Post, $"requests/{requestB}/cancel", new JsonObject { ["reason"] = "withdrawn" });
        var endedB = await WaitForExecutionAsync(executionB);
        Expect(endedB == "ABORTED", $"the cancelled execution of {requestB} ended {endedB}");
        await ExecutionEndedRuleAsync(requestB, executionB, endedB);
        var statusB = (await SendAsync(HttpMethod.Get, $"requests/{requestB}", null))["status"]?.GetValue<string>();
        Expect(statusB == "Cancelled", $"request {requestB} is {statusB} after its cancellation");
        Step($"cancellation: POST /requests/{requestB}/cancel -> execution ABORTED, ExecutionEnded rule ran, request {statusB}");

        // Request C: refused as manifestly excessive (Art. 12(5)) through the HTTP API while billing has not answered.
        var (requestC, executionC) = await SubmitAsync("rae.refused@example.com", "C-1003", authenticated: true, "deployed-c");
        _ = await TaskTokenForAsync(requestC, "billing");
        var refused = await SendAsync(HttpMethod.Post, $"requests/{requestC}/refusal", new JsonObject { ["reason"] = "excessive", ["detail"] = "The fourth identical request this month." });
        Expect(refused["status"]?.GetValue<string>() == "Refused", $"POST /requests/{requestC}/refusal answered {refused.ToJsonString()}");
        var endedC = await WaitForExecutionAsync(executionC);
        Expect(endedC == "ABORTED", $"the refused execution of {requestC} ended {endedC}");
        await ExecutionEndedRuleAsync(requestC, executionC, endedC);
        Step($"refusal: POST /requests/{requestC}/refusal -> {refused["status"]}, execution ABORTED, ExecutionEnded rule ran");

        // The deployed pull answers an async system's IAM role (gdpr-system-<name>) only; this front door signs every
        // call as the officer (IAM is not emulated here), so the route must refuse it, as API Gateway's caller would be.
        using (var pull = await http.GetAsync(new Uri(frontDoor, "tasks")))
        {
            var text = await pull.Content.ReadAsStringAsync();
            Expect((int)pull.StatusCode == 403 && text.Contains("\"forbidden\"", StringComparison.Ordinal), $"GET /tasks as the officer answered {(int)pull.StatusCode}: {text}");
        }

        Step("pull: GET /tasks as the officer -> 403 forbidden (only a system's role gdpr-system-<name> pulls its tasks)");

        await SchedulesAsync();
        await verifyChain(requestA);
        await verifyChain(requestB);
        Step("audit chains of both requests verified from the tables (gdpr audit verify --aws)");
        return (requestA, statusA);
    }

    private static void Step(string line) => Console.WriteLine("  " + line);

    private static void Expect(bool condition, string otherwise)
    {
        if (!condition)
        {
            throw new DeployedLocallyException(otherwise);
        }
    }

    private async Task<(string RequestId, string ExecutionId)> SubmitAsync(string email, string customerId, bool authenticated, string idempotencyKey)
    {
        var body = new JsonObject
        {
            ["identifiers"] = new JsonArray(
                new JsonObject { ["kind"] = "email", ["value"] = email },
                new JsonObject { ["kind"] = "customer_id", ["value"] = customerId }),
            ["channel"] = "web",
            ["requesterAuthenticated"] = authenticated,
            ["idempotencyKey"] = idempotencyKey,
        };
        var answer = await SendAsync(HttpMethod.Post, "requests", body);
        return (answer["requestId"]!.GetValue<string>(), answer["executionId"]!.GetValue<string>());
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(frontDoor, path));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Expect(response.IsSuccessStatusCode, $"{method} /{path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text) as JsonObject ?? throw new DeployedLocallyException($"{method} /{path} answered {text}");
    }

    private async Task WaitForStatusAsync(string requestId, string status)
    {
        var waited = Stopwatch.StartNew();
        string? seen = null;
        while (waited.Elapsed < StepWait)
        {
            seen = (await SendAsync(HttpMethod.Get, $"requests/{requestId}", null))["status"]?.GetValue<string>();
            if (seen == status)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new DeployedLocallyException($"request {requestId} stayed {seen}, never {status}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string otherwise)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Expect(waited.Elapsed < StepWait, otherwise);
            await Task.Delay(100);
        }
    }

    private async Task<string> WaitForExecutionAsync(string executionArn)
    {
        var waited = Stopwatch.StartNew();
        string? status = null;
        while (waited.Elapsed < StepWait)
        {
            var described = await cli.RunAsync(engine, "stepfunctions", "describe-execution", "--execution-arn", executionArn);
            status = described?["status"]?.GetValue<string>();
            if (status is not "RUNNING")
            {
                if (status is "FAILED")
                {
                    throw new DeployedLocallyException($"execution {executionArn} FAILED: {described?["error"]} {described?["cause"]}");
                }

                return status ?? "?";
            }

            await Task.Delay(300);
        }

        throw new DeployedLocallyException($"execution {executionArn} still {status} after {StepWait.TotalSeconds} s");
    }

    private async Task<string> SubscribeQueueAsync(string topicLogicalId)
    {
        var name = "deployed-locally-" + topicLogicalId;
        var url = (await cli.RunAsync(stack.Moto, "sqs", "create-queue", "--queue-name", name))?["QueueUrl"]?.GetValue<string>()
            ?? throw new DeployedLocallyException($"no queue {name}");
        await cli.RunAsync(stack.Moto, "sns", "subscribe", "--topic-arn", stack.RefOf(topicLogicalId), "--protocol", "sqs",
            "--notification-endpoint", $"arn:aws:sqs:{template.Options.Region}:123456789012:{name}", "--attributes", "RawMessageDelivery=true");
        return url;
    }

    /// <summary>The first message on the topic's queue that <paramref name="matches"/> (others are left for later).</summary>
    private async Task<JsonObject> ReceiveAsync(string topicLogicalId, Func<JsonObject, bool> matches)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StepWait)
        {
            var received = await cli.RunAsync(stack.Moto, "sqs", "receive-message", "--queue-url", _queues[topicLogicalId],
                "--max-number-of-messages", "10", "--wait-time-seconds", "2", "--visibility-timeout", "0");
            foreach (var message in (received?["Messages"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (JsonNode.Parse(message["Body"]!.GetValue<string>()) is JsonObject body && matches(body))
                {
                    await cli.RunAsync(stack.Moto, "sqs", "delete-message", "--queue-url", _queues[topicLogicalId], "--receipt-handle", message["ReceiptHandle"]!.GetValue<string>());
                    return body;
                }
            }
        }

        throw new DeployedLocallyException($"nothing for this request arrived on {topicLogicalId} within {StepWait.TotalSeconds} s");
    }

    private async Task<string> TaskTokenForAsync(string requestId, string system)
    {
        var task = await ReceiveAsync("ErasureTasksTopic", m => m["requestId"]?.GetValue<string>() == requestId && m["system"]?.GetValue<string>() == system);
        return task["taskToken"]?.GetValue<string>() ?? throw new DeployedLocallyException($"the {system} task of {requestId} has no taskToken");
    }

    /// <summary>The ExecutionEndedRule's targets, each invoked with the input its InputTransformer makes, as EventBridge would.</summary>
    private async Task ExecutionEndedRuleAsync(string name, string executionArn, string status)
    {
        var rule = template.Resources.Values.Single(r => r.Type == "AWS::Events::Rule");
        foreach (var target in (rule.Properties["Targets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var function = target["Arn"]?["Fn::GetAtt"] is JsonArray getAtt ? getAtt[0]!.GetValue<string>() : target["Arn"]?.ToJsonString() ?? "?";
            var input = target["InputTransformer"]!["InputTemplate"]!.GetValue<string>()
                .Replace("<name>", JsonValue.Create(name).ToJsonString(), StringComparison.Ordinal)
                .Replace("<arn>", JsonValue.Create(executionArn).ToJsonString(), StringComparison.Ordinal)
                .Replace("<status>", JsonValue.Create(status).ToJsonString(), StringComparison.Ordinal);
            await InvokeAsync(function, input);
        }
    }

    /// <summary>Each schedule's target once, with the schedule's Input (an EventBridge Scheduler event when it has none).</summary>
    private async Task SchedulesAsync()
    {
        foreach (var function in template.Functions.Values)
        {
            foreach (var (_, schedule) in (function.Events as JsonObject ?? []).Where(e => e.Value?["Type"]?.GetValue<string>() is "ScheduleV2" or "Schedule"))
            {
                var input = schedule!["Properties"]?["Input"]?.GetValue<string>()
                    ?? """{"version":"0","id":"deployed-locally","detail-type":"Scheduled Event","source":"aws.scheduler","account":"123456789012","resources":[],"detail":{}}""";
                await InvokeAsync(function.LogicalId, input);
                Step($"schedule of {function.LogicalId} ran once with {input}");
            }
        }
    }

    private async Task InvokeAsync(string logicalId, string input)
    {
        var function = functions[logicalId].Function;
        using var response = await http.PostAsync(
            new Uri(frontDoor, $"2015-03-31/functions/{Uri.EscapeDataString(function.FunctionName)}/invocations"),
            new StringContent(input, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Expect(response.StatusCode == HttpStatusCode.OK && !response.Headers.Contains("X-Amz-Function-Error"), $"{logicalId} failed on {input}: {text}");
    }
}
