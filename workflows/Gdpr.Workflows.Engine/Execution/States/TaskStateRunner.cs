using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>
/// Task: invokes its resource's integration with the evaluated Parameters, within TimeoutSeconds; with
/// <c>.waitForTaskToken</c>, waits for the token's answer (and its heartbeats). The schedule is committed first, so a
/// run resumed after a crash invokes again with the same idempotency key and the same token.
/// </summary>
internal sealed class TaskStateRunner(LocalStepFunctions engine) : ExecutingStateRunner<TaskStateDefinition>(engine)
{
    protected override PendingEvent[] AttemptFailedEvents(TaskStateDefinition state, StateFailure failure, FrameCheckpoint cp) =>
        cp.Scheduled ? [Events.TaskFailed(TaskResource.Parse(state.Resource), failure)] : [];

    protected override async Task<AttemptOutcome> RunAttemptAsync(Frame frame, TaskStateDefinition state, JsonNode? effective, int attempt, CancellationToken ct)
    {
        var resource = TaskResource.Parse(state.Resource);
        var cp = frame.Checkpoint;
        JsonNode? parameters;
        int? timeout;
        int? heartbeat;
        try
        {
            var token = cp.TaskToken ?? (resource.Pattern == IntegrationPattern.WaitForTaskToken ? LocalStepFunctions.NewTaskToken() : null);
            var paths = Paths(frame, state, effective, token);
            parameters = state.Parameters is null ? effective : PayloadTemplate.Evaluate(state.Parameters, paths, "Parameters");
            timeout = state.TimeoutSeconds?.Evaluate(paths);
            heartbeat = state.HeartbeatSeconds?.Evaluate(paths);
            if (!cp.Scheduled)
            {
                await frame.CommitAsync(
                    cp with { Scheduled = true, ScheduledAt = Engine.Now, TaskToken = token },
                    [Events.TaskScheduled(resource, Engine.Options.Region, parameters, timeout, heartbeat), Events.TaskStarted(resource)],
                    token is null ? null : new TaskTokenRecord(token, frame.Run.Arn, frame.Id, null));
                cp = frame.Checkpoint;
            }
        }
        catch (AslRuntimeException ex)
        {
            return AttemptOutcome.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause));
        }

        var integration = Engine.FindIntegration(resource.BaseArn);
        if (integration is null)
        {
            return AttemptOutcome.Fail(ErrorNames.Runtime, $"No local binding for resource '{state.Resource}' in state '{state.Name}': register an integration or bind the function in template.yaml.");
        }

        var invocation = new TaskInvocation(resource.BaseArn, resource.Pattern, parameters, $"{frame.Run.Arn}/{frame.Id}/{cp.Step}/{state.Name}/{attempt}", cp.TaskToken, frame.Run.Arn, state.Name, attempt, timeout);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? timer = timeout is null ? null : DelayUntilAsync(cp.ScheduledAt!.Value.AddSeconds(timeout.Value), timeoutCts.Token);
        try
        {
            var result = resource.Pattern == IntegrationPattern.WaitForTaskToken
                ? await InvokeAndWaitForTokenAsync(frame, resource, integration, invocation, heartbeat, timer, timeoutCts.Token)
                : await WithTimeout(integration.InvokeAsync(invocation, timeoutCts.Token), timer);
            if (Json.Utf8Length(result) > PayloadSize.MaxBytes)
            {
                return AttemptOutcome.Fail(ErrorNames.DataLimitExceeded, $"The state/task '{state.Name}' returned a result with a size exceeding the maximum number of bytes service limit.");
            }

            // The success event is written with the transition: a crash before it repeats the invocation with the same key.
            return new AttemptOutcome(result, [Events.TaskSucceeded(resource, result)], null);
        }
        catch (TaskFailedException ex)
        {
            return AttemptOutcome.Fail(ex.Error, ex.Cause);
        }
        catch (AslRuntimeException ex)
        {
            return AttemptOutcome.Fail(ex.Error, ex.Cause);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return AttemptOutcome.Fail(ErrorNames.Timeout, string.Empty);
        }
        catch (StateFailure failure)
        {
            return new AttemptOutcome(null, [], failure);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An integration's own bug is reported, not hidden: AWS reports unexpected service errors the same way.
            return AttemptOutcome.Fail(ErrorNames.TaskFailed, $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            await timeoutCts.CancelAsync();
        }
    }

    /// <summary><c>.waitForTaskToken</c>: the invocation hands the token out; the answer to it is the result.</summary>
    private async Task<JsonNode?> InvokeAndWaitForTokenAsync(Frame frame, TaskResource resource, ITaskIntegration integration, TaskInvocation invocation, int? heartbeat, Task? timer, CancellationToken ct)
    {
        var token = frame.Checkpoint.TaskToken!;
        var waiter = Engine.RegisterTokenWaiter(token);
        try
        {
            var submitted = await WithTimeout(integration.InvokeAsync(invocation, ct), timer);
            await frame.CommitAsync(frame.Checkpoint, [Events.TaskSubmitted(resource, submitted)]);
            return await WithTimeout(Engine.WaitForTokenAsync(token, waiter, heartbeat, ct), timer);
        }
        finally
        {
            Engine.UnregisterTokenWaiter(token);
        }
    }

    private static async Task<JsonNode?> WithTimeout(Task<JsonNode?> work, Task? timer)
    {
        if (timer is null)
        {
            return await work;
        }

        var first = await Task.WhenAny(work, timer);
        if (first == timer && !timer.IsCanceled)
        {
            // AWS reports a task timeout with an empty cause.
            throw new StateFailure(ErrorNames.Timeout, string.Empty);
        }

        return await work;
    }
}
