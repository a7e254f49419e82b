using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine;

/// <summary>Settings of a local engine.</summary>
public sealed class LocalEngineOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where executions are persisted; every transition is written before the next begins.</summary>
    public IExecutionStore Store { get; init; } = new InMemoryExecutionStore();

    /// <summary>Task resources the engine can run, asked in order.</summary>
    public IList<ITaskIntegration> Integrations { get; } = new List<ITaskIntegration>();

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    /// <summary>Seeded randomness for retry jitter, task tokens' entropy aside; null for a shared random.</summary>
    public Random? Random { get; init; }
}

/// <summary>
/// An in-process AWS Step Functions: the same API verbs (CreateStateMachine, StartExecution,
/// DescribeExecution, GetExecutionHistory, StopExecution, SendTask*), running ASL (JSONPath) durably.
/// Every transition is committed to <see cref="LocalEngineOptions.Store"/> before the next begins; after a
/// crash, <see cref="ResumeAsync"/> continues each running execution where it was.
/// </summary>
public sealed partial class LocalStepFunctions : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (StateMachineRecord Record, StateMachineDefinition Definition)> machines = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ExecutionRun> runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenWaiter> tokenWaiters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource shutdown = new();
    private readonly StateInterpreter interpreter;
    private readonly Lock randomGate = new();
    private readonly Random random;

    public LocalStepFunctions(LocalEngineOptions options)
    {
        Options = options;
        random = options.Random ?? new Random();
        interpreter = new StateInterpreter(this);
    }

    public LocalEngineOptions Options { get; }

    internal IExecutionStore Store => Options.Store;

    internal DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    internal string RoleArn => $"arn:aws:iam::{Options.AccountId}:role/local-step-functions";

    /// <summary>
    /// Creates (or, when the name exists, updates as UpdateStateMachine does) a state machine. Returns its ARN.
    /// Throws <see cref="AslDefinitionException"/> for a definition AWS would refuse.
    /// </summary>
    public string CreateStateMachine(string name, string definitionJson, StateMachineType type = StateMachineType.Standard)
    {
        CheckName(name, "state machine");
        var definition = StateMachineDefinition.Parse(definitionJson);
        if (type == StateMachineType.Express && definitionJson.Contains(".waitForTaskToken", StringComparison.Ordinal))
        {
            throw new AslDefinitionException("SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration");
        }

        var arn = $"arn:aws:states:{Options.Region}:{Options.AccountId}:stateMachine:{name}";
        var record = new StateMachineRecord(arn, name, definitionJson, type, Now);
        Store.SaveStateMachineAsync(record).GetAwaiter().GetResult();
        machines[arn] = (record, definition);
        return arn;
    }

    /// <summary>
    /// Starts an execution and returns its ARN. Starting again with the same name and the same input while it
    /// runs returns the same ARN (AWS's idempotent StartExecution); another input is ExecutionAlreadyExists.
    /// </summary>
    public async Task<string> StartExecutionAsync(string stateMachineArn, string? inputJson = "{}", string? name = null, CancellationToken ct = default)
    {
        if (!machines.TryGetValue(stateMachineArn, out var machine))
        {
            throw new StepFunctionsApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{stateMachineArn}'");
        }

        inputJson ??= "{}";
        JsonNode? input;
        try
        {
            input = JsonNode.Parse(inputJson);
        }
        catch (JsonException ex)
        {
            throw new StepFunctionsApiException("InvalidExecutionInput", $"Invalid State Machine Execution Input: '{ex.Message}'");
        }

        if (System.Text.Encoding.UTF8.GetByteCount(inputJson) > Data.PayloadSize.MaxBytes)
        {
            throw new StepFunctionsApiException("InvalidExecutionInput", "The input exceeds the maximum of 262144 bytes.");
        }

        name ??= Guid.NewGuid().ToString();
        CheckName(name, "execution");
        var arn = machine.Record.Type == StateMachineType.Express
            ? $"arn:aws:states:{Options.Region}:{Options.AccountId}:express:{machine.Record.Name}:{name}:{Guid.NewGuid()}"
            : $"arn:aws:states:{Options.Region}:{Options.AccountId}:execution:{machine.Record.Name}:{name}";
        var now = Now;
        var record = new ExecutionRecord(arn, stateMachineArn, name, ExecutionStatus.Running, inputJson, null, null, null, now, null);
        var root = new FrameCheckpoint { State = machine.Definition.StartAt, Input = input, LastEventId = 1 };
        var first = new ExecutionCommit
        {
            Events =
            [
                new HistoryEvent(1, 0, now, "ExecutionStarted", "executionStartedEventDetails", Events.Render(w =>
                {
                    w.WriteString("input", inputJson);
                    w.WriteStartObject("inputDetails");
                    w.WriteBoolean("truncated", false);
                    w.WriteEndObject();
                    w.WriteString("roleArn", RoleArn);
                })),
            ],
            Checkpoints = [new(RootFrameId, root)],
        };
        if (!await Store.TryCreateExecutionAsync(record, first, ct))
        {
            var existing = await Store.GetExecutionAsync(arn, ct);
            if (existing is { Status: ExecutionStatus.Running } && existing.Input == inputJson)
            {
                return arn;
            }

            throw new StepFunctionsApiException("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}'");
        }

        Launch(new ExecutionRun(this, record, machine.Record, machine.Definition, input, 1, new Dictionary<string, FrameCheckpoint> { [RootFrameId] = root }));
        return arn;
    }

    public async Task<ExecutionDescription> DescribeExecutionAsync(string executionArn, CancellationToken ct = default)
    {
        var record = await Store.GetExecutionAsync(executionArn, ct)
            ?? throw new StepFunctionsApiException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{executionArn}'");
        return Describe(record);
    }

    public async Task<IReadOnlyList<HistoryEvent>> GetExecutionHistoryAsync(string executionArn, CancellationToken ct = default)
    {
        _ = await Store.GetExecutionAsync(executionArn, ct)
            ?? throw new StepFunctionsApiException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{executionArn}'");
        return await Store.GetHistoryAsync(executionArn, ct);
    }

    public async Task<IReadOnlyList<ExecutionDescription>> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? status = null, CancellationToken ct = default)
    {
        var records = await Store.ListExecutionsAsync(stateMachineArn, status, ct);
        return [.. records.Select(Describe)];
    }

    /// <summary>Stops a running execution: outstanding work is cancelled and ExecutionAborted recorded.</summary>
    public async Task StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken ct = default)
    {
        var record = await Store.GetExecutionAsync(executionArn, ct)
            ?? throw new StepFunctionsApiException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{executionArn}'");
        if (record.Status != ExecutionStatus.Running)
        {
            throw new StepFunctionsApiException("ExecutionNotRunning", $"Execution is not running: '{executionArn}' is {record.Status}");
        }

        if (runs.TryGetValue(executionArn, out var run))
        {
            run.StopReason = ("ExecutionAborted", error, cause);
            await run.Cancellation.CancelAsync();
            await run.Completion.Task.WaitAsync(ct);
        }
    }

    /// <summary>
    /// Restarts a failed, aborted or timed-out execution from where it stopped, as AWS's RedriveExecution does:
    /// states and Map iterations and Parallel branches that succeeded are not run again; the states that failed
    /// (or were interrupted) run again from their start, with fresh retry counters and task tokens.
    /// </summary>
    public async Task RedriveExecutionAsync(string executionArn, CancellationToken ct = default)
    {
        var record = await Store.GetExecutionAsync(executionArn, ct)
            ?? throw new StepFunctionsApiException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{executionArn}'");
        if (record.Status is ExecutionStatus.Running or ExecutionStatus.Succeeded)
        {
            throw new StepFunctionsApiException("ExecutionNotRedrivable", $"Execution '{executionArn}' is {record.Status}: only failed, aborted or timed-out executions can be redriven.");
        }

        if (!machines.TryGetValue(record.StateMachineArn, out var machine))
        {
            throw new StepFunctionsApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{record.StateMachineArn}'");
        }

        var checkpoints = (await Store.GetCheckpointsAsync(executionArn, ct)).ToDictionary(c => c.Key, c => Redriven(c.Value), StringComparer.Ordinal);
        if (!checkpoints.ContainsKey(RootFrameId))
        {
            throw new StepFunctionsApiException("ExecutionNotRedrivable", $"Execution '{executionArn}' has no recorded position to redrive from.");
        }

        var history = await Store.GetHistoryAsync(executionArn, ct);
        var running = record with { Status = ExecutionStatus.Running, Output = null, Error = null, Cause = null, StopDate = null, RedriveCount = record.RedriveCount + 1 };
        var lastId = history.Count == 0 ? 0 : history[^1].Id;
        var commit = new ExecutionCommit
        {
            End = running,
            Events = [new HistoryEvent(lastId + 1, lastId, Now, "ExecutionRedriven", "executionRedrivenEventDetails", Events.Render(w => w.WriteNumber("redriveCount", running.RedriveCount)))],
            Checkpoints = [.. checkpoints.Select(c => new KeyValuePair<string, FrameCheckpoint?>(c.Key, c.Value))],
        };

        await Store.CommitAsync(executionArn, commit, ct);
        Launch(new ExecutionRun(this, running, machine.Record, machine.Definition, JsonNode.Parse(record.Input), lastId + 1, checkpoints));
    }

    /// <summary>A failed or interrupted frame goes back to the start of the state it was in.</summary>
    private static FrameCheckpoint Redriven(FrameCheckpoint checkpoint) =>
        checkpoint.Finished && !checkpoint.Failed
            ? checkpoint
            : checkpoint with
            {
                Finished = false,
                Failed = false,
                Output = null,
                Error = null,
                Cause = null,
                Entered = false,
                RetryCounts = null,
                RetryAt = null,
                Scheduled = false,
                ScheduledAt = null,
                TaskToken = null,
                WaitUntil = null,
                Items = null,
            };

    /// <summary>Waits until the execution has ended and returns its description.</summary>
    public async Task<ExecutionDescription> WaitForCompletionAsync(string executionArn, CancellationToken ct = default)
    {
        if (runs.TryGetValue(executionArn, out var run))
        {
            return Describe(await run.Completion.Task.WaitAsync(ct));
        }

        var description = await DescribeExecutionAsync(executionArn, ct);
        if (description.Status == ExecutionStatus.Running)
        {
            throw new StepFunctionsApiException("ExecutionNotRunning", $"Execution '{executionArn}' is recorded as running but is not running in this engine: call ResumeAsync first.");
        }

        return description;
    }

    /// <summary>Completes a waitForTaskToken task with its output.</summary>
    public Task SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken ct = default)
    {
        try
        {
            _ = JsonNode.Parse(outputJson);
        }
        catch (JsonException ex)
        {
            throw new StepFunctionsApiException("InvalidOutput", $"Invalid Output: '{ex.Message}'");
        }

        return CompleteTokenAsync(taskToken, new JsonObject { ["output"] = outputJson }, ct);
    }

    /// <summary>Fails a waitForTaskToken task; Retry and Catch see the error and cause.</summary>
    public Task SendTaskFailureAsync(string taskToken, string? error, string? cause, CancellationToken ct = default) =>
        CompleteTokenAsync(taskToken, new JsonObject { ["error"] = error, ["cause"] = cause }, ct);

    /// <summary>Tells the engine the task is alive: its HeartbeatSeconds clock starts again.</summary>
    public async Task SendTaskHeartbeatAsync(string taskToken, CancellationToken ct = default)
    {
        var record = await FindTokenAsync(taskToken, ct);
        if (record.Outcome is not null)
        {
            throw new StepFunctionsApiException("TaskTimedOut", "Task Timed Out: the task token was already answered or has timed out.");
        }

        if (tokenWaiters.TryGetValue(taskToken, out var waiter))
        {
            waiter.Heartbeat();
            return;
        }

        await ThrowIfTaskEndedAsync(record, ct);
    }

    /// <summary>Loads state machines and continues every execution the store records as running.</summary>
    public async Task ResumeAsync(CancellationToken ct = default)
    {
        foreach (var record in await Store.ListStateMachinesAsync(ct))
        {
            machines[record.Arn] = (record, StateMachineDefinition.Parse(record.Definition));
        }

        foreach (var record in await Store.ListExecutionsAsync(null, ExecutionStatus.Running, ct))
        {
            if (runs.ContainsKey(record.ExecutionArn) || !machines.TryGetValue(record.StateMachineArn, out var machine))
            {
                continue;
            }

            var checkpoints = await Store.GetCheckpointsAsync(record.ExecutionArn, ct);
            var history = await Store.GetHistoryAsync(record.ExecutionArn, ct);
            Launch(new ExecutionRun(this, record, machine.Record, machine.Definition, JsonNode.Parse(record.Input), history.Count == 0 ? 0 : history[^1].Id, checkpoints));
        }
    }

    /// <summary>Stops running executions without recording anything: they resume on the next <see cref="ResumeAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await shutdown.CancelAsync();
        foreach (var run in runs.Values)
        {
            await run.Cancellation.CancelAsync();
        }

        try
        {
            await Task.WhenAll(runs.Values.Select(r => (Task)r.Completion.Task));
        }
        catch (OperationCanceledException)
        {
            // Runs interrupted by shutdown end as cancelled; their store records stay "running".
        }

        shutdown.Dispose();
    }

    private static ExecutionDescription Describe(ExecutionRecord r) =>
        new(r.ExecutionArn, r.StateMachineArn, r.Name, r.Status, r.Input, r.Output, r.Error, r.Cause, r.StartDate, r.StopDate, r.RedriveCount);

    private static void CheckName(string name, string what)
    {
        if (name.Length is 0 or > 80 || !NamePattern().IsMatch(name))
        {
            throw new StepFunctionsApiException("InvalidName", $"Invalid {what} name '{name}': 1 to 80 characters; letters, digits, '-' and '_' only.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();
}
