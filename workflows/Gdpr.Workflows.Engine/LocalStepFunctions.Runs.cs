using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine;

/// <summary>How the engine runs executions (each on its own task, from its checkpoints) and waits for task tokens.</summary>
public sealed partial class LocalStepFunctions
{
    internal const string RootFrameId = "root";

    internal ITaskIntegration? FindIntegration(string resource) => Options.Integrations.FirstOrDefault(i => i.CanHandle(resource));

    internal double NextRandomDouble()
    {
        lock (randomGate)
        {
            return random.NextDouble();
        }
    }

    internal static string NewTaskToken() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    private void Launch(ExecutionRun run)
    {
        runs[run.Arn] = run;
        _ = Task.Run(() => RunExecutionAsync(run));
    }

    private async Task RunExecutionAsync(ExecutionRun run)
    {
        var seconds = run.Definition.TimeoutSeconds;
        using var timeout = seconds is null ? null : new CancellationTokenSource(TimeSpan.FromSeconds(seconds.Value), Options.TimeProvider);
        using var registration = timeout?.Token.Register(() =>
        {
            // AWS records ExecutionTimedOut with neither error nor cause.
            run.StopReason ??= ("ExecutionTimedOut", null, null);
            run.Cancellation.Cancel();
        });
        try
        {
            var rootCheckpoint = run.ResumeCheckpoints.TryGetValue(RootFrameId, out var cp) ? cp : new FrameCheckpoint { State = run.Definition.StartAt, Input = run.Input };
            var root = new Frame(run, RootFrameId, run.Definition, null, rootCheckpoint, null);
            FrameOutcome outcome;
            try
            {
                outcome = await interpreter.RunFrameAsync(root, null, run.Cancellation.Token);
            }
            catch (OperationCanceledException) when (run.StopReason is not null)
            {
                await EndAsync(run, root.Checkpoint.LastEventId, run.StopReason.Value.Status, null, run.StopReason.Value.Error, run.StopReason.Value.Cause);
                return;
            }

            if (outcome.Succeeded)
            {
                await EndAsync(run, root.Checkpoint.LastEventId, "ExecutionSucceeded", outcome.Output, null, null);
            }
            else
            {
                await EndAsync(run, root.Checkpoint.LastEventId, "ExecutionFailed", null, outcome.Error, outcome.Cause);
            }
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            run.Completion.TrySetCanceled();
        }
        catch (Exception ex)
        {
            // A defect in the engine must not leave the execution silently running: record it as failed.
            await EndAsync(run, run.EventCount, "ExecutionFailed", null, Data.ErrorNames.Runtime, $"Internal engine error: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            runs.TryRemove(run.Arn, out _);
            run.Dispose();
        }
    }

    private async Task EndAsync(ExecutionRun run, long previousEventId, string eventType, JsonNode? output, string? error, string? cause)
    {
        var status = eventType switch
        {
            "ExecutionSucceeded" => ExecutionStatus.Succeeded,
            "ExecutionFailed" => ExecutionStatus.Failed,
            "ExecutionTimedOut" => ExecutionStatus.TimedOut,
            _ => ExecutionStatus.Aborted,
        };
        var outputText = status == ExecutionStatus.Succeeded ? Json.Text(output) : null;
        var details = status == ExecutionStatus.Succeeded
            ? Events.Details(w =>
            {
                w.WriteString("output", outputText);
                w.WriteStartObject("outputDetails");
                w.WriteBoolean("truncated", false);
                w.WriteEndObject();
            })
            : Events.ErrorDetailsOf(error, cause);
        var detailsName = char.ToLowerInvariant(eventType[0]) + eventType[1..] + "EventDetails";
        var end = run.Record with
        {
            Status = status,
            Output = outputText,
            Error = error,
            Cause = cause,
            StopDate = Now,
        };
        await run.CommitAsync(previousEventId, [new PendingEvent(eventType, detailsName, details)], end: end);
        run.Completion.TrySetResult(run.Record);
    }

    private async Task CompleteTokenAsync(string taskToken, JsonObject outcome, CancellationToken ct)
    {
        var record = await FindTokenAsync(taskToken, ct);
        if (!tokenWaiters.ContainsKey(taskToken))
        {
            await ThrowIfTaskEndedAsync(record, ct);
        }

        if (!await Store.TryCompleteTaskTokenAsync(taskToken, outcome, ct))
        {
            throw new StepFunctionsApiException("TaskTimedOut", "Task Timed Out: the task token was already answered or its task has ended.");
        }

        if (tokenWaiters.TryGetValue(taskToken, out var waiter))
        {
            waiter.Complete(outcome);
        }
    }

    private async Task<TaskTokenRecord> FindTokenAsync(string taskToken, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(taskToken) || taskToken.Length > 1024)
        {
            throw new StepFunctionsApiException("InvalidToken", "Invalid Token: a task token is 1 to 1024 characters.");
        }

        return await Store.GetTaskTokenAsync(taskToken, ct)
            ?? throw new StepFunctionsApiException("TaskDoesNotExist", "Task Does Not Exist: no task waits for this token.");
    }

    /// <summary>
    /// A token nobody waits for in this process is still answerable while its frame's checkpoint holds it (the
    /// execution runs elsewhere or resumes later); once the task timed out and the frame moved on, AWS says TaskTimedOut.
    /// </summary>
    private async Task ThrowIfTaskEndedAsync(TaskTokenRecord record, CancellationToken ct)
    {
        var execution = await Store.GetExecutionAsync(record.ExecutionArn, ct);
        if (execution is not { Status: ExecutionStatus.Running })
        {
            throw new StepFunctionsApiException("TaskTimedOut", "Task Timed Out: the execution of this task has ended.");
        }

        var checkpoints = await Store.GetCheckpointsAsync(record.ExecutionArn, ct);
        if (!checkpoints.TryGetValue(record.FrameId, out var frame) || frame.TaskToken != record.Token)
        {
            throw new StepFunctionsApiException("TaskTimedOut", "Task Timed Out: the task of this token has timed out or ended.");
        }
    }

    internal TokenWaiter RegisterTokenWaiter(string token)
    {
        var waiter = new TokenWaiter(Options.TimeProvider);
        tokenWaiters[token] = waiter;
        return waiter;
    }

    internal void UnregisterTokenWaiter(string token) => tokenWaiters.TryRemove(token, out _);

    /// <summary>Waits for SendTaskSuccess/Failure (already recorded, or arriving later), with the heartbeat clock.</summary>
    internal async Task<JsonNode?> WaitForTokenAsync(string token, TokenWaiter waiter, int? heartbeatSeconds, CancellationToken ct)
    {
        var stored = await Store.GetTaskTokenAsync(token, ct);
        var outcome = stored?.Outcome ?? await waiter.WaitAsync(heartbeatSeconds, ct);
        if (outcome["output"] is JsonValue output && output.TryGetValue(out string? text))
        {
            return JsonNode.Parse(text);
        }

        throw new TaskFailedException(outcome["error"]?.GetValue<string>() ?? string.Empty, outcome["cause"]?.GetValue<string>());
    }
}
