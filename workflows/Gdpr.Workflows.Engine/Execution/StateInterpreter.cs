using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>How a frame ended.</summary>
internal sealed record FrameOutcome(bool Succeeded, JsonNode? Output, string? Error, string? Cause);

/// <summary>
/// Runs frames state by state with AWS's input/output processing, Retry/Catch and history events. Every
/// transition is committed before the next state begins; side effects (task invocations) are keyed by
/// execution, frame, step and attempt so that a run resumed after a crash repeats them with the same key.
/// </summary>
internal sealed class StateInterpreter(LocalStepFunctions engine)
{
    private const int MaxHistoryEvents = 25_000;

    /// <summary>Runs a frame to its end. <paramref name="finishEvents"/> adds the parent's events to the frame's final commit.</summary>
    public async Task<FrameOutcome> RunFrameAsync(Frame frame, Func<FrameOutcome, IReadOnlyList<PendingEvent>>? finishEvents, CancellationToken ct)
    {
        while (true)
        {
            var cp = frame.Checkpoint;
            if (cp.Finished)
            {
                return new FrameOutcome(!cp.Failed, cp.Output, cp.Error, cp.Cause);
            }

            ct.ThrowIfCancellationRequested();
            if (frame.Run.EventCount >= MaxHistoryEvents)
            {
                return await FinishAsync(frame, new FrameOutcome(false, null, ErrorNames.Runtime, $"The execution reached the maximum number of history events ({MaxHistoryEvents})."), [], finishEvents);
            }

            var state = frame.Definition.States[cp.State];
            StepResult step;
            try
            {
                step = await RunStateAsync(frame, state, ct);
            }
            catch (StateFailure failure)
            {
                step = StepResult.Fail(failure.Error, failure.Cause, []);
            }

            if (step.Failed)
            {
                return await FinishAsync(frame, new FrameOutcome(false, null, step.Error, step.Cause), step.Events, finishEvents);
            }

            if (step.Next is null)
            {
                // Task results are checked as they arrive; the execution's own output is checked here, once.
                if (frame.Id == LocalStepFunctions.RootFrameId && Json.Utf8Length(step.Output) > PayloadSize.MaxBytes)
                {
                    return await FinishAsync(frame, new FrameOutcome(false, null, ErrorNames.DataLimitExceeded, $"The state/task '{state.Name}' returned a result with a size exceeding the maximum number of bytes service limit."), step.Events, finishEvents);
                }

                return await FinishAsync(frame, new FrameOutcome(true, step.Output, null, null), step.Events, finishEvents);
            }

            await frame.CommitAsync(new FrameCheckpoint { Step = cp.Step + 1, State = step.Next, Input = step.Output }, step.Events);
        }
    }

    private static async Task<FrameOutcome> FinishAsync(Frame frame, FrameOutcome outcome, IReadOnlyList<PendingEvent> events, Func<FrameOutcome, IReadOnlyList<PendingEvent>>? finishEvents)
    {
        var all = finishEvents is null ? events : [.. events, .. finishEvents(outcome)];
        await frame.CommitAsync(
            frame.Checkpoint with { Finished = true, Failed = !outcome.Succeeded, Output = outcome.Output, Error = outcome.Error, Cause = outcome.Cause },
            all);
        return outcome;
    }

    private Task<StepResult> RunStateAsync(Frame frame, StateDefinition state, CancellationToken ct) => state switch
    {
        PassStateDefinition pass => RunPassAsync(frame, pass),
        ChoiceStateDefinition choice => RunChoiceAsync(frame, choice),
        SucceedStateDefinition succeed => RunSimpleAsync(frame, succeed, "Succeed"),
        FailStateDefinition fail => RunFailAsync(frame, fail),
        WaitStateDefinition wait => RunWaitAsync(frame, wait, ct),
        TaskStateDefinition task => RunExecutingAsync(frame, task, (f, s, input, attempt, token) => RunTaskAttemptAsync(f, (TaskStateDefinition)s, input, attempt, token), ct),
        ParallelStateDefinition parallel => RunExecutingAsync(frame, parallel, (f, s, input, attempt, token) => RunParallelAttemptAsync(f, (ParallelStateDefinition)s, input, token), ct),
        MapStateDefinition map => RunExecutingAsync(frame, map, (f, s, input, attempt, token) => RunMapAttemptAsync(f, (MapStateDefinition)s, input, token), ct),
        _ => throw new InvalidOperationException($"Unknown state type {state.Type}"),
    };

    // ---- Pass, Choice, Succeed, Fail, Wait -------------------------------------------------------------

    private async Task<StepResult> RunPassAsync(Frame frame, PassStateDefinition state)
    {
        var input = frame.Checkpoint.Input;
        var entered = Events.StateEntered("Pass", state.Name, input);
        var paths = Paths(frame, state, input);
        try
        {
            var effective = ApplyPath(state.InputPath, paths);
            JsonNode? result;
            if (state.HasResult)
            {
                result = state.Result?.DeepClone();
            }
            else if (state.Parameters is not null)
            {
                result = PayloadTemplate.Evaluate(state.Parameters, WithInput(paths, effective), "Parameters");
            }
            else
            {
                result = effective;
            }

            var assigned = Frame.EvaluateAssign(state.Assign, WithInput(paths, result));
            var output = ApplyPath(state.OutputPath, WithInput(paths, ApplyResultPath(input, result, state.ResultPath)));
            frame.SetVariables(assigned);
            return Transition(state, output, [entered, Events.StateExited("Pass", state.Name, output)]);
        }
        catch (AslRuntimeException ex)
        {
            return await FailAfterEnteringAsync(frame, state, entered, ex);
        }
    }

    private async Task<StepResult> RunChoiceAsync(Frame frame, ChoiceStateDefinition state)
    {
        var input = frame.Checkpoint.Input;
        var entered = Events.StateEntered("Choice", state.Name, input);
        var paths = Paths(frame, state, input);
        try
        {
            var effective = ApplyPath(state.InputPath, paths);
            var context = WithInput(paths, effective);
            var selection = state.Rules.Select(context, JsonPaths.TrySelect);
            var next = selection.Next;
            var assigned = Frame.EvaluateAssign(selection.MatchedRule?.Assign ?? state.Assign, context);
            var output = ApplyPath(state.OutputPath, context);
            frame.SetVariables(assigned);
            return StepResult.To(next, output, [entered, Events.StateExited("Choice", state.Name, output)]);
        }
        catch (AslRuntimeException ex)
        {
            return await FailAfterEnteringAsync(frame, state, entered, ex);
        }
    }

    private async Task<StepResult> RunSimpleAsync(Frame frame, StateDefinition state, string type)
    {
        var input = frame.Checkpoint.Input;
        var entered = Events.StateEntered(type, state.Name, input);
        var paths = Paths(frame, state, input);
        try
        {
            var effective = ApplyPath(state.InputPath, paths);
            var context = WithInput(paths, effective);
            var assigned = Frame.EvaluateAssign(state.Assign, context);
            var output = ApplyPath(state.OutputPath, context);
            frame.SetVariables(assigned);
            return Transition(state, output, [entered, Events.StateExited(type, state.Name, output)]);
        }
        catch (AslRuntimeException ex)
        {
            return await FailAfterEnteringAsync(frame, state, entered, ex);
        }
    }

    private async Task<StepResult> RunFailAsync(Frame frame, FailStateDefinition state)
    {
        var input = frame.Checkpoint.Input;
        var entered = Events.StateEntered("Fail", state.Name, input);
        var paths = Paths(frame, state, input);
        try
        {
            var error = state.Error ?? StringAt(state.ErrorPath, paths, "ErrorPath");
            var cause = state.Cause ?? StringAt(state.CausePath, paths, "CausePath");
            return StepResult.Fail(error, cause, [entered]);
        }
        catch (AslRuntimeException ex)
        {
            return await FailAfterEnteringAsync(frame, state, entered, ex);
        }
    }

    private static string? StringAt(string? pathOrIntrinsic, PathContext paths, string field)
    {
        if (pathOrIntrinsic is null)
        {
            return null;
        }

        var value = pathOrIntrinsic.StartsWith("States.", StringComparison.Ordinal)
            ? IntrinsicFunctions.Evaluate(pathOrIntrinsic, paths)
            : JsonPaths.Select(pathOrIntrinsic, paths);
        return value is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : throw new AslRuntimeException(ErrorNames.Runtime, $"The {field} value '{pathOrIntrinsic}' did not resolve to a string: {Json.Text(value)}");
    }

    private async Task<StepResult> RunWaitAsync(Frame frame, WaitStateDefinition state, CancellationToken ct)
    {
        var cp = frame.Checkpoint;
        var paths = Paths(frame, state, cp.Input);
        JsonNode? effective;
        try
        {
            effective = ApplyPath(state.InputPath, paths);
            if (!cp.Entered)
            {
                var now = engine.Now;
                var until = WaitUntil(state, WithInput(paths, effective), now);
                await frame.CommitAsync(cp with { Entered = true, EnteredTime = now, WaitUntil = until }, [Events.StateEntered("Wait", state.Name, cp.Input)], marksEntry: true);
                cp = frame.Checkpoint;
            }
        }
        catch (AslRuntimeException ex)
        {
            return await FailAfterEnteringAsync(frame, state, Events.StateEntered("Wait", state.Name, cp.Input), ex);
        }

        await DelayUntilAsync(cp.WaitUntil!.Value, ct);
        try
        {
            var context = WithInput(paths, effective);
            var assigned = Frame.EvaluateAssign(state.Assign, context);
            var output = ApplyPath(state.OutputPath, context);
            frame.SetVariables(assigned);
            return Transition(state, output, [Events.StateExited("Wait", state.Name, output)]);
        }
        catch (AslRuntimeException ex)
        {
            return StepResult.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause), []);
        }
    }

    private static DateTimeOffset WaitUntil(WaitStateDefinition state, PathContext context, DateTimeOffset now)
    {
        if (state.Seconds is { } seconds)
        {
            return now.AddSeconds(seconds);
        }

        if (state.Timestamp is { } timestamp)
        {
            return timestamp;
        }

        if (state.SecondsPath is { } secondsPath)
        {
            var value = JsonPaths.Select(secondsPath, context);
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long s) && s >= 0)
            {
                return now.AddSeconds(s);
            }

            throw new AslRuntimeException(ErrorNames.Runtime, $"The SecondsPath parameter cannot be parsed as a long value: {secondsPath} == {Json.Text(value)}");
        }

        var tsValue = JsonPaths.Select(state.TimestampPath!, context);
        if (tsValue is JsonValue tv && tv.TryGetValue(out string? text) && Timestamps.TryParseRfc3339(text, out var ts))
        {
            return ts;
        }

        throw new AslRuntimeException(ErrorNames.Runtime, $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {state.TimestampPath} == {Json.Text(tsValue)}");
    }

    // ---- Task, Parallel, Map: attempts with Retry and Catch ------------------------------------------------

    private delegate Task<AttemptOutcome> AttemptRunner(Frame frame, ExecutingStateDefinition state, JsonNode? effectiveInput, int attempt, CancellationToken ct);

    private async Task<StepResult> RunExecutingAsync(Frame frame, ExecutingStateDefinition state, AttemptRunner attempt, CancellationToken ct)
    {
        var cp = frame.Checkpoint;
        var type = state.Type;
        if (!cp.Entered)
        {
            await frame.CommitAsync(
                cp with { Entered = true, EnteredTime = engine.Now, Attempt = 0, RetryCounts = new int[state.Retry.Count] },
                [Events.StateEntered(type, state.Name, cp.Input)],
                marksEntry: true);
            cp = frame.Checkpoint;
        }

        while (true)
        {
            if (cp.RetryAt is { } retryAt)
            {
                await DelayUntilAsync(retryAt, ct);
            }

            var paths = Paths(frame, state, cp.Input);
            JsonNode? effective;
            try
            {
                effective = ApplyPath(state.InputPath, paths);
            }
            catch (AslRuntimeException ex)
            {
                return StepResult.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause), []);
            }

            // Failures come back as values, not exceptions: a failing attempt is an ordinary event, and
            // throwing through several async frames per failure was a measurable share of the engine's time.
            var (result, attemptEvents, failure) = await attempt(frame, state, effective, cp.Attempt, ct);
            if (failure is not null)
            {
                ct.ThrowIfCancellationRequested();
                var failedEvents = FailureEvents(state, failure, frame.Checkpoint);
                var retry = NextRetry(state, frame.Checkpoint, failure);
                if (retry is not null)
                {
                    await frame.CommitAsync(retry, failedEvents);
                    cp = frame.Checkpoint;
                    continue;
                }

                return Catch(frame, state, paths, failure, failedEvents);
            }

            JsonNode? output;
            try
            {
                if (state.ResultSelector is not null)
                {
                    result = PayloadTemplate.Evaluate(state.ResultSelector, WithInput(paths, result), "ResultSelector");
                }

                var assigned = Frame.EvaluateAssign(state.Assign, WithInput(paths, result));
                output = ApplyPath(state.OutputPath, WithInput(paths, ApplyResultPath(cp.Input, result, state.ResultPath)));
                frame.SetVariables(assigned);
            }
            catch (AslRuntimeException ex)
            {
                return StepResult.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause), [.. attemptEvents, .. ResultEvents(state, success: false)]);
            }

            List<PendingEvent> exitEvents = [.. attemptEvents, .. ResultEvents(state, success: true), Events.StateExited(type, state.Name, output)];
            return state.End ? StepResult.End(output, exitEvents) : StepResult.To(state.Next!, output, exitEvents);
        }
    }

    /// <summary>The first catcher that matches routes the error output onward; without one the frame fails.</summary>
    private static StepResult Catch(Frame frame, ExecutingStateDefinition state, PathContext paths, StateFailure failure, PendingEvent[] failedEvents)
    {
        var catcher = state.Catch.FirstOrDefault(c => failure.Matches(c.ErrorEquals));
        if (catcher is null)
        {
            return StepResult.Fail(failure.Error, failure.Cause, [.. failedEvents, .. ResultEvents(state, success: false)]);
        }

        var errorOutput = new JsonObject { ["Error"] = failure.Error, ["Cause"] = failure.Cause };
        try
        {
            var assigned = Frame.EvaluateAssign(catcher.Assign, WithInput(paths, errorOutput));
            var caught = ApplyResultPath(frame.Checkpoint.Input, errorOutput, catcher.ResultPath);
            frame.SetVariables(assigned);
            return StepResult.To(catcher.Next, caught, [.. failedEvents, .. ResultEvents(state, success: false), Events.StateExited(state.Type, state.Name, caught)]);
        }
        catch (AslRuntimeException ex)
        {
            return StepResult.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause), [.. failedEvents]);
        }
    }

    /// <summary>The checkpoint for the next attempt when a retrier matches and has attempts left, else null.</summary>
    private FrameCheckpoint? NextRetry(ExecutingStateDefinition state, FrameCheckpoint cp, StateFailure failure)
    {
        for (var i = 0; i < state.Retry.Count; i++)
        {
            var retrier = state.Retry[i];
            if (!failure.Matches(retrier.ErrorEquals))
            {
                continue;
            }

            var counts = (cp.RetryCounts ?? new int[state.Retry.Count]).ToArray();
            if (counts[i] >= retrier.MaxAttempts)
            {
                return null;
            }

            counts[i]++;
            var delay = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, counts[i] - 1);
            if (retrier.MaxDelaySeconds is { } max)
            {
                delay = Math.Min(delay, max);
            }

            if (retrier.FullJitter)
            {
                delay *= engine.NextRandomDouble();
            }

            return cp with
            {
                Attempt = cp.Attempt + 1,
                RetryCounts = counts,
                RetryAt = engine.Now.AddSeconds(delay),
                Scheduled = false,
                ScheduledAt = null,
                TaskToken = null,
                Items = null,
            };
        }

        return null;
    }

    private static PendingEvent[] FailureEvents(ExecutingStateDefinition state, StateFailure failure, FrameCheckpoint cp) =>
        state is TaskStateDefinition task && cp.Scheduled ? [Events.TaskFailed(TaskResource.Parse(task.Resource), failure)] : [];

    private static PendingEvent[] ResultEvents(ExecutingStateDefinition state, bool success) => state switch
    {
        ParallelStateDefinition => [Events.Plain(success ? "ParallelStateSucceeded" : "ParallelStateFailed")],
        MapStateDefinition => [Events.Plain(success ? "MapStateSucceeded" : "MapStateFailed")],
        _ => [],
    };

    private async Task<AttemptOutcome> RunTaskAttemptAsync(Frame frame, TaskStateDefinition state, JsonNode? effective, int attempt, CancellationToken ct)
    {
        var resource = TaskResource.Parse(state.Resource);
        var cp = frame.Checkpoint;
        var paths = Paths(frame, state, effective, cp.TaskToken);
        JsonNode? parameters;
        int? timeout;
        int? heartbeat;
        try
        {
            var token = cp.TaskToken ?? (resource.Pattern == IntegrationPattern.WaitForTaskToken ? LocalStepFunctions.NewTaskToken() : null);
            paths = Paths(frame, state, effective, token);
            parameters = state.Parameters is null ? effective : PayloadTemplate.Evaluate(state.Parameters, paths, "Parameters");
            timeout = state.TimeoutSeconds ?? SecondsAt(state.TimeoutSecondsPath, paths, "TimeoutSecondsPath");
            heartbeat = state.HeartbeatSeconds ?? SecondsAt(state.HeartbeatSecondsPath, paths, "HeartbeatSecondsPath");
            if (!cp.Scheduled)
            {
                await frame.CommitAsync(
                    cp with { Scheduled = true, ScheduledAt = engine.Now, TaskToken = token },
                    [Events.TaskScheduled(resource, engine.Options.Region, parameters, timeout, heartbeat), Events.TaskStarted(resource)],
                    token is null ? null : new TaskTokenRecord(token, frame.Run.Arn, frame.Id, null));
                cp = frame.Checkpoint;
            }
        }
        catch (AslRuntimeException ex)
        {
            return AttemptOutcome.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause));
        }

        var integration = engine.FindIntegration(resource.BaseArn);
        if (integration is null)
        {
            return AttemptOutcome.Fail(ErrorNames.Runtime, $"No local binding for resource '{state.Resource}' in state '{state.Name}': register an integration or bind the function in template.yaml.");
        }

        var invocation = new TaskInvocation(resource.BaseArn, resource.Pattern, parameters, $"{frame.Run.Arn}/{frame.Id}/{cp.Step}/{state.Name}/{attempt}", cp.TaskToken, frame.Run.Arn, state.Name, attempt, timeout);

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var deadline = timeout is null ? (DateTimeOffset?)null : cp.ScheduledAt!.Value.AddSeconds(timeout.Value);
        Task? timer = deadline is null ? null : DelayUntilAsync(deadline.Value, timeoutCts.Token);
        try
        {
            JsonNode? result;
            if (resource.Pattern == IntegrationPattern.WaitForTaskToken)
            {
                var waiter = engine.RegisterTokenWaiter(cp.TaskToken!);
                try
                {
                    var submitted = await WithTimeout(integration.InvokeAsync(invocation, timeoutCts.Token), timer);
                    await frame.CommitAsync(frame.Checkpoint, [Events.TaskSubmitted(resource, submitted)]);
                    result = await WithTimeout(engine.WaitForTokenAsync(cp.TaskToken!, waiter, heartbeat, timeoutCts.Token), timer);
                }
                finally
                {
                    engine.UnregisterTokenWaiter(cp.TaskToken!);
                }
            }
            else
            {
                result = await WithTimeout(integration.InvokeAsync(invocation, timeoutCts.Token), timer);
            }

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

    private static int? SecondsAt(string? path, PathContext paths, string field)
    {
        if (path is null)
        {
            return null;
        }

        var value = JsonPaths.Select(path, paths);
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int s) && s > 0
            ? s
            : throw new AslRuntimeException(ErrorNames.Runtime, $"The {field} parameter must be a positive integer: {path} == {Json.Text(value)}");
    }

    private async Task<AttemptOutcome> RunParallelAttemptAsync(Frame frame, ParallelStateDefinition state, JsonNode? effective, CancellationToken ct)
    {
        var cp = frame.Checkpoint;
        if (!cp.Scheduled)
        {
            JsonNode? branchInput;
            try
            {
                branchInput = state.Parameters is null ? effective : PayloadTemplate.Evaluate(state.Parameters, Paths(frame, state, effective), "Parameters");
            }
            catch (AslRuntimeException ex)
            {
                return AttemptOutcome.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause));
            }

            var items = new JsonArray();
            foreach (var _ in state.Branches)
            {
                items.Add(branchInput?.DeepClone());
            }

            await frame.CommitAsync(cp with { Scheduled = true, ScheduledAt = engine.Now, Items = items }, [Events.Plain("ParallelStateStarted")]);
            cp = frame.Checkpoint;
        }

        var children = state.Branches.Select((branch, i) => (Definition: branch, Input: cp.Items![i], MapItem: (MapItem?)null, Start: Array.Empty<PendingEvent>())).ToList();
        var outcomes = await RunChildrenAsync(frame, cp, children, maxConcurrency: 0, toleratedFailures: 0, iterationEvents: null, ct);
        var failure = outcomes.FirstOrDefault(o => !o.Succeeded);
        if (failure is not null)
        {
            return AttemptOutcome.Fail(failure.Error, failure.Cause);
        }

        return new AttemptOutcome(new JsonArray([.. outcomes.Select(o => o.Output?.DeepClone())]), [], null);
    }

    private async Task<AttemptOutcome> RunMapAttemptAsync(Frame frame, MapStateDefinition state, JsonNode? effective, CancellationToken ct)
    {
        var cp = frame.Checkpoint;
        int maxConcurrency;
        double toleratedCount;
        double toleratedPercentage;
        var paths = Paths(frame, state, effective);
        try
        {
            maxConcurrency = state.MaxConcurrency ?? IntAt(state.MaxConcurrencyPath, paths, "MaxConcurrencyPath") ?? 0;
            toleratedCount = state.ToleratedFailureCount ?? IntAt(state.ToleratedFailureCountPath, paths, "ToleratedFailureCountPath") ?? 0;
            toleratedPercentage = state.ToleratedFailurePercentage ?? IntAt(state.ToleratedFailurePercentagePath, paths, "ToleratedFailurePercentagePath") ?? 0;
            if (state.ItemReader is not null || state.ResultWriter is not null)
            {
                throw new AslRuntimeException(ErrorNames.Runtime, "ItemReader and ResultWriter read and write Amazon S3, which the local engine does not emulate.");
            }

            if (!cp.Scheduled)
            {
                var source = state.ItemsPath is null ? effective : JsonPaths.Select(state.ItemsPath, paths);
                if (source is not JsonArray array)
                {
                    throw new AslRuntimeException(ErrorNames.Runtime, $"Item selector '{state.ItemsPath ?? "$"}' must resolve to a JSON array, but resolved to: {Json.Text(source)}");
                }

                var items = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    var value = state.ItemSelector is null
                        ? array[i]?.DeepClone()
                        : PayloadTemplate.Evaluate(state.ItemSelector, Paths(frame, state, effective, mapItem: new MapItem(i, array[i])), "ItemSelector");
                    items.Add(value);
                }

                if (state.ItemBatcher is not null)
                {
                    items = Batch(items, state.ItemBatcher, paths);
                }

                await frame.CommitAsync(cp with { Scheduled = true, ScheduledAt = engine.Now, Items = items }, [Events.MapStarted(items.Count)]);
                cp = frame.Checkpoint;
            }
        }
        catch (AslRuntimeException ex)
        {
            return AttemptOutcome.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause));
        }

        var children = cp.Items!.Select((item, i) => (
            Definition: state.Processor,
            Input: item,
            MapItem: (MapItem?)new MapItem(i, item),
            Start: new[] { Events.MapIteration("Started", state.Name, i) })).ToList();
        var total = children.Count;
        var tolerated = state.Distributed ? Math.Max(toleratedCount, Math.Floor(total * toleratedPercentage / 100.0)) : 0;
        var outcomes = await RunChildrenAsync(frame, cp, children, maxConcurrency, tolerated, (name, i, outcome) => Events.MapIteration(outcome.Succeeded ? "Succeeded" : "Failed", state.Name, i), ct);
        var failures = outcomes.Where(o => !o.Succeeded).ToList();
        if (failures.Count > tolerated || (!state.Distributed && failures.Count > 0))
        {
            if (state.Distributed && (toleratedCount > 0 || toleratedPercentage > 0))
            {
                return AttemptOutcome.Fail(ErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
            }

            var first = failures[0];
            return AttemptOutcome.Fail(first.Error, first.Cause);
        }

        return new AttemptOutcome(new JsonArray([.. outcomes.Select(o => o.Succeeded ? o.Output?.DeepClone() : new JsonObject { ["Error"] = o.Error, ["Cause"] = o.Cause })]), [], null);
    }

    private static JsonArray Batch(JsonArray items, JsonObject batcher, PathContext paths)
    {
        var maxItems = batcher["MaxItemsPerBatch"] is JsonValue mv && mv.TryGetValue(out int m) ? m
            : batcher["MaxItemsPerBatchPath"] is JsonValue mp && mp.TryGetValue(out string? mpath) && JsonPaths.Select(mpath, paths) is JsonValue mpv && mpv.TryGetValue(out int mm) ? mm
            : int.MaxValue;
        var maxBytes = batcher["MaxInputBytesPerBatch"] is JsonValue bv && bv.TryGetValue(out int b) ? b : 256 * 1024;
        var batchInput = batcher["BatchInput"] is { } bi ? PayloadTemplate.Evaluate(bi, paths, "BatchInput") : null;
        var batches = new JsonArray();
        JsonArray? current = null;
        var currentBytes = 0;
        foreach (var item in items)
        {
            var size = Json.Utf8Length(item);
            if (current is null || current.Count >= maxItems || currentBytes + size > maxBytes)
            {
                current = [];
                currentBytes = 0;
                var batch = new JsonObject { ["Items"] = current };
                if (batchInput is not null)
                {
                    batch["BatchInput"] = batchInput.DeepClone();
                }

                batches.Add(batch);
            }

            current.Add(item?.DeepClone());
            currentBytes += size;
        }

        return batches;
    }

    private static int? IntAt(string? path, PathContext paths, string field)
    {
        if (path is null)
        {
            return null;
        }

        var value = JsonPaths.Select(path, paths);
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int i) && i >= 0
            ? i
            : throw new AslRuntimeException(ErrorNames.Runtime, $"The {field} field must resolve to a non-negative integer: {path} == {Json.Text(value)}");
    }

    /// <summary>
    /// Runs child frames (branches or iterations) with bounded concurrency. Without tolerated failures the first
    /// failure cancels the rest. Child frames resume from their checkpoints, so finished ones are not run again.
    /// </summary>
    private async Task<List<FrameOutcome>> RunChildrenAsync(
        Frame parent,
        FrameCheckpoint cp,
        List<(StateMachineDefinition Definition, JsonNode? Input, MapItem? MapItem, PendingEvent[] Start)> children,
        int maxConcurrency,
        double toleratedFailures,
        Func<string, int, FrameOutcome, PendingEvent>? iterationEvents,
        CancellationToken ct)
    {
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var slots = new SemaphoreSlim(maxConcurrency <= 0 ? children.Count + 1 : maxConcurrency);
        var failures = 0;
        var outcomes = new FrameOutcome?[children.Count];

        async Task RunOne(int i)
        {
            var (definition, input, mapItem, start) = children[i];
            var id = $"{parent.Id}/{cp.Step}.{cp.Attempt}/{i}";
            await slots.WaitAsync(siblings.Token);
            try
            {
                var resumed = parent.Run.ResumeCheckpoints.TryGetValue(id, out var existing);
                // The child reads its input from the parent's Items, fixed for this attempt: states never change their
                // input in place (what they pass on is copied), so it is shared, not copied.
                var frame = new Frame(parent.Run, id, definition, parent, existing ?? new FrameCheckpoint { State = definition.StartAt, Input = input }, mapItem);
                if (!resumed && start.Length > 0)
                {
                    frame.StartEvents = start;
                }

                Func<FrameOutcome, IReadOnlyList<PendingEvent>>? finish = iterationEvents is null ? null : o => [iterationEvents(definition.StartAt, i, o)];
                var outcome = await RunFrameAsync(frame, finish, siblings.Token);
                outcomes[i] = outcome;
                if (!outcome.Succeeded && Interlocked.Increment(ref failures) > toleratedFailures)
                {
                    await siblings.CancelAsync();
                }
            }
            finally
            {
                slots.Release();
            }
        }

        var tasks = Enumerable.Range(0, children.Count).Select(RunOne).ToList();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // A sibling failed and cancelled the rest; its outcome is reported below.
        }

        ct.ThrowIfCancellationRequested();
        var failed = outcomes.FirstOrDefault(o => o is { Succeeded: false });
        if (failed is not null && failures > toleratedFailures)
        {
            return [failed];
        }

        return [.. outcomes.Select(o => o!)];
    }

    // ---- input/output processing -------------------------------------------------------------------------

    private PathContext Paths(Frame frame, StateDefinition state, JsonNode? input, string? token = null, MapItem? mapItem = null) =>
        frame.Paths(input, state.Name, frame.Checkpoint.EnteredTime ?? engine.Now, state is ExecutingStateDefinition ? frame.Checkpoint.Attempt : null, token, mapItem);

    private static PathContext WithInput(PathContext paths, JsonNode? input) => paths.WithInput(input);

    /// <summary>InputPath and OutputPath select alike: absent is "$", null is an empty object.</summary>
    private static JsonNode? ApplyPath(OptionalPath path, PathContext paths) => path.Path switch
    {
        null => new JsonObject(),
        "$" => paths.Input,
        var selected => JsonPaths.Select(selected, paths),
    };

    private static JsonNode? ApplyResultPath(JsonNode? input, JsonNode? result, OptionalPath resultPath) =>
        JsonPaths.ApplyResultPath(input, result, resultPath.Path);

    private static StepResult Transition(StateDefinition state, JsonNode? output, List<PendingEvent> events) =>
        state.End || state.Type is "Succeed" ? StepResult.End(output, events) : StepResult.To(state.Next!, output, events);

    private async Task<StepResult> FailAfterEnteringAsync(Frame frame, StateDefinition state, PendingEvent entered, AslRuntimeException ex)
    {
        await frame.CommitAsync(frame.Checkpoint with { Entered = true, EnteredTime = engine.Now }, [entered], marksEntry: true);
        return StepResult.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause), []);
    }

    private static string WithStatePrefix(Frame frame, StateDefinition state, string cause) =>
        cause.StartsWith("An error occurred while executing the state", StringComparison.Ordinal)
            ? cause
            : $"An error occurred while executing the state '{state.Name}' (entered at the event id #{EnteredEventId(frame)}). {cause}";

    private static long EnteredEventId(Frame frame) => frame.Checkpoint.EnteredEventId;

    private async Task DelayUntilAsync(DateTimeOffset until, CancellationToken ct)
    {
        var delay = until - engine.Now;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, engine.Options.TimeProvider, ct);
        }
    }
}

/// <summary>One attempt of a Task, Parallel or Map: its result and events, or its failure.</summary>
internal readonly record struct AttemptOutcome(JsonNode? Result, PendingEvent[] Events, StateFailure? Failure)
{
    public static AttemptOutcome Fail(string? error, string? cause) => new(null, [], new StateFailure(error, cause));
}

/// <summary>What one state did: go to Next with Output, end the frame, or fail; with the events to record.</summary>
internal sealed record StepResult(string? Next, JsonNode? Output, bool Failed, string? Error, string? Cause, List<PendingEvent> Events)
{
    public static StepResult To(string next, JsonNode? output, List<PendingEvent> events) => new(next, output, false, null, null, events);

    public static StepResult End(JsonNode? output, List<PendingEvent> events) => new(null, output, false, null, null, events);

    public static StepResult Fail(string? error, string? cause, List<PendingEvent> events) => new(null, null, true, error, cause, events);
}
