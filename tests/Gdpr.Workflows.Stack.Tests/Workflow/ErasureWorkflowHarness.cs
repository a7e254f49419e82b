using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Stack.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Stack.Tests.Workflow;

/// <summary>
/// Runs statemachines/erasure.asl.json exactly as template.yaml wires it (DefinitionSubstitutions resolved by the
/// engine's SAM loader) on the local engine, with the template's functions and topics played by recording fakes.
/// Each fake answers what the function contract in functions/README.md says the real one returns.
/// </summary>
internal sealed class ErasureWorkflowHarness : IAsyncDisposable
{
    private const string LambdaInvoke = "arn:aws:states:::lambda:invoke";
    private const string SnsPublish = "arn:aws:states:::sns:publish";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> functionByArn;
    private readonly Dictionary<string, string> topicByArn;
    private readonly string machineArn;

    public ErasureWorkflowHarness()
    {
        Engine = new LocalStepFunctions(new LocalEngineOptions { TimeProvider = Time });
        Template = SamTemplate.Load(
            RepositoryPaths.TemplateFile,
            new Dictionary<string, string> { ["NotificationEmail"] = "dpo@example.test" },
            SamTemplateOptions.For(Engine.Options, "gdpr"));
        functionByArn = Template.Functions.Values.ToDictionary(f => f.Arn, f => f.LogicalId, StringComparer.Ordinal);
        var machine = Template.StateMachines["ErasureStateMachine"];
        topicByArn = new[] { "ErasureTasksTopicArn", "OfficerTopicArn", "CompletionTopicArn" }
            .ToDictionary(key => machine.DefinitionSubstitutions[key], key => key[..^"Arn".Length], StringComparer.Ordinal);

        Engine.Options.Integrations.Add(new DelegateTaskIntegration(LambdaInvoke, InvokeFunctionAsync));
        Engine.Options.Integrations.Add(new DelegateTaskIntegration(SnsPublish, PublishAsync));
        machineArn = Engine.CreateStateMachine(machine.Name, machine.DefinitionJson);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public LocalStepFunctions Engine { get; }

    public SamTemplate Template { get; }

    /// <summary>What the ledger's RequestStarted returns.</summary>
    public JsonObject RequestStarted { get; set; } = new() { ["needsVerification"] = false, ["deadlineHorizonSeconds"] = 2_592_000 };

    /// <summary>The VerificationFunction's review answers, in turn (the last one repeats).</summary>
    public List<JsonObject> IdentityReviews { get; } = [new() { ["next"] = "wait", ["waitSeconds"] = 3600 }];

    private int reviews;

    /// <summary>The systems function's list.</summary>
    public JsonArray Systems { get; set; } = [];

    /// <summary>When set, the systems function fails with it (an error no retrier names).</summary>
    public TaskFailedException? SystemsError { get; set; }

    /// <summary>Answers of the sync erase function by system; a thrown <see cref="TaskFailedException"/> is a function error.</summary>
    public Func<string, JsonNode?> SyncErase { get; set; } = system => new JsonObject { ["outcome"] = "erased", ["receipt"] = $"{system}-receipt" };

    /// <summary>Answers of the Recipients function by system: the overall status and each recipient's own.</summary>
    public Func<string, JsonNode?> Recipients { get; set; } = _ => new JsonObject
    {
        ["status"] = "sent",
        ["reason"] = null,
        ["recipientCount"] = 2,
        ["recipients"] = new JsonArray(
            new JsonObject { ["name"] = "analytics-partner", ["status"] = "sent", ["reason"] = null },
            new JsonObject { ["name"] = "mail-house", ["status"] = "sent", ["reason"] = null }),
    };

    /// <summary>When set, the Reply function fails with it (an error no retrier names).</summary>
    public TaskFailedException? ReplyError { get; set; }

    /// <summary>Every function invocation: logical id and payload, in order.</summary>
    public ConcurrentQueue<(string Function, JsonObject Payload)> Invocations { get; } = new();

    /// <summary>Every SNS message: topic (ErasureTasksTopic, OfficerTopic, CompletionTopic) and message.</summary>
    public ConcurrentQueue<(string Topic, JsonObject Message)> Messages { get; } = new();

    public IEnumerable<JsonObject> Calls(string function) => Invocations.Where(i => i.Function == function).Select(i => i.Payload);

    public IEnumerable<string?> LedgerEvents => Calls("LedgerFunction").Select(p => (string?)p["event"]);

    public Task<string> StartAsync(string requestId = "req-0001") =>
        Engine.StartExecutionAsync(machineArn, new JsonObject { ["requestId"] = requestId }.ToJsonString(), name: requestId);

    /// <summary>The task token handed to the verification function ("verification") or published for an async system.</summary>
    public Task<string> TokenAsync(string key) => Token(key).Task.WaitAsync(TimeSpan.FromSeconds(10));

    public async Task<ExecutionDescription> CompletionAsync(string execution) =>
        await Engine.WaitForCompletionAsync(execution).WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Moves fake time on in steps until the execution ends, for retries with backoff.</summary>
    public async Task<ExecutionDescription> DriveToCompletionAsync(string execution, TimeSpan step)
    {
        for (var i = 0; i < 500; i++)
        {
            var described = await Engine.DescribeExecutionAsync(execution);
            if (described.Status != ExecutionStatus.Running)
            {
                return described;
            }

            Time.Advance(step);
            await Task.Delay(5);
        }

        throw new TimeoutException("The execution did not end after 500 time steps");
    }

    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string execution) => await Engine.GetExecutionHistoryAsync(execution);

    public ValueTask DisposeAsync() => Engine.DisposeAsync();

    private TaskCompletionSource<string> Token(string key) =>
        tokens.GetOrAdd(key, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));

    private Task<JsonNode?> InvokeFunctionAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = invocation.Parameters!.AsObject();
        var function = functionByArn[(string)parameters["FunctionName"]!];
        var payload = parameters["Payload"]!.DeepClone().AsObject();
        Invocations.Enqueue((function, payload));

        JsonNode? result = function switch
        {
            "LedgerFunction" => (string?)payload["event"] == "RequestStarted" ? RequestStarted.DeepClone() : new JsonObject { ["recorded"] = true },
            "VerificationFunction" => (string?)payload["action"] == "review"
                ? IdentityReviews[Math.Min(reviews++, IdentityReviews.Count - 1)].DeepClone()
                : Stored("verification", payload),
            "SystemsFunction" => SystemsError is null ? new JsonObject { ["systems"] = Systems.DeepClone() } : throw SystemsError,
            // With an async system's answer the function only holds it to the registry's rules; a compliant answer comes back as given.
            "SyncEraseFunction" => payload["answer"] is { } answer ? answer.DeepClone() : SyncErase((string)payload["system"]!),
            "RecipientsFunction" => Recipients((string)payload["system"]!),
            "FinalizerFunction" => Finalize(payload),
            "VaultShredderFunction" => new JsonObject { ["shredded"] = 1 },
            "ReplyFunction" => ReplyError is null ? Reply(payload) : throw ReplyError,
            _ => throw new InvalidOperationException($"The workflow called {function}, which it should not"),
        };

        // lambda:invoke's result shape: the function's answer is under Payload.
        return Task.FromResult<JsonNode?>(new JsonObject { ["ExecutedVersion"] = "$LATEST", ["Payload"] = result, ["StatusCode"] = 200 });
    }

    private JsonObject Stored(string key, JsonObject payload)
    {
        Token(key).TrySetResult((string)payload["taskToken"]!);
        return new JsonObject { ["stored"] = true };
    }

    private static JsonObject Reply(JsonObject payload) => new()
    {
        ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes((string)payload["requestId"]!))),
        ["templateVersion"] = "reply:0123456789ab",
        ["sentNow"] = true,
    };

    private static JsonObject Finalize(JsonObject payload)
    {
        var outcomes = payload["outcomes"]!.AsArray().Select(o => (string)o!["result"]!).ToList();
        var status = outcomes.All(r => r == "erased") ? "completed" : "completed_with_exceptions";
        return new JsonObject
        {
            ["status"] = status,
            ["counts"] = new JsonObject
            {
                ["erased"] = outcomes.Count(r => r == "erased"),
                ["failed"] = outcomes.Count(r => r == "failed"),
                ["noResponse"] = outcomes.Count(r => r == "no_response"),
            },
        };
    }

    private Task<JsonNode?> PublishAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        var parameters = invocation.Parameters!.AsObject();
        var topic = topicByArn[(string)parameters["TopicArn"]!];
        var message = parameters["Message"]!.DeepClone().AsObject();
        Messages.Enqueue((topic, message));
        if (invocation.Pattern == IntegrationPattern.WaitForTaskToken)
        {
            Token((string)message["system"]!).TrySetResult((string)message["taskToken"]!);
        }

        return Task.FromResult<JsonNode?>(new JsonObject { ["MessageId"] = Guid.NewGuid().ToString() });
    }
}
