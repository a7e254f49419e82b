using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>
/// The shared executor of the states that do work in attempts (Task, Parallel, Map): it enters the state, runs
/// attempts (the subclass's <see cref="RunAttemptAsync"/>), retries a failure a retrier matches, routes one a
/// catcher matches, and applies ResultSelector, ResultPath, Assign and OutputPath to a success. Each attempt's
/// outcome is committed before the next begins.
/// </summary>
internal abstract class ExecutingStateRunner<TState>(LocalStepFunctions engine) : StateRunner<TState>(engine)
    where TState : ExecutingStateDefinition
{
    /// <summary>One attempt on the state's effective input; failures come back as values.</summary>
    protected abstract Task<AttemptOutcome> RunAttemptAsync(Frame frame, TState state, JsonNode? effective, int attempt, CancellationToken ct);

    /// <summary>Events recorded when an attempt fails (Task: TaskFailed once it was scheduled).</summary>
    protected virtual PendingEvent[] AttemptFailedEvents(TState state, StateFailure failure, FrameCheckpoint cp) => [];

    /// <summary>Events closing the state's work, before its exit (Parallel/Map: ...StateSucceeded or ...StateFailed).</summary>
    protected virtual PendingEvent[] ResultEvents(bool success) => [];

    public override async Task<StepResult> RunAsync(Frame frame, TState state, CancellationToken ct)
    {
        var cp = frame.Checkpoint;
        if (!cp.Entered)
        {
            await frame.CommitAsync(
                cp with { Entered = true, EnteredTime = Engine.Now, Attempt = 0, RetryCounts = new int[state.Retry.Count] },
                [Events.StateEntered(state.Type, state.Name, cp.Input)],
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
            var (result, attemptEvents, failure) = await RunAttemptAsync(frame, state, effective, cp.Attempt, ct);
            if (failure is not null)
            {
                ct.ThrowIfCancellationRequested();
                var failedEvents = AttemptFailedEvents(state, failure, frame.Checkpoint);
                var retry = NextRetry(state, frame.Checkpoint, failure);
                if (retry is not null)
                {
                    await frame.CommitAsync(retry, failedEvents);
                    cp = frame.Checkpoint;
                    continue;
                }

                return Catch(frame, state, paths, failure, failedEvents);
            }

            return Succeed(frame, state, paths, cp.Input, result, attemptEvents);
        }
    }

    /// <summary>ResultSelector, Assign, ResultPath and OutputPath on the attempt's result.</summary>
    private StepResult Succeed(Frame frame, TState state, PathContext paths, JsonNode? input, JsonNode? result, PendingEvent[] attemptEvents)
    {
        JsonNode? output;
        try
        {
            if (state.ResultSelector is not null)
            {
                result = PayloadTemplate.Evaluate(state.ResultSelector, paths.WithInput(result), "ResultSelector");
            }

            var assigned = Frame.EvaluateAssign(state.Assign, paths.WithInput(result));
            output = ApplyPath(state.OutputPath, paths.WithInput(ApplyResultPath(input, result, state.ResultPath)));
            frame.SetVariables(assigned);
        }
        catch (AslRuntimeException ex)
        {
            return StepResult.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause), [.. attemptEvents, .. ResultEvents(success: false)]);
        }

        List<PendingEvent> exitEvents = [.. attemptEvents, .. ResultEvents(success: true), Events.StateExited(state.Type, state.Name, output)];
        return state.End ? StepResult.End(output, exitEvents) : StepResult.To(state.Next!, output, exitEvents);
    }

    /// <summary>The first catcher that matches routes the error output onward; without one the frame fails.</summary>
    private StepResult Catch(Frame frame, TState state, PathContext paths, StateFailure failure, PendingEvent[] failedEvents)
    {
        var catcher = state.Catch.FirstOrDefault(c => failure.Matches(c.ErrorEquals));
        if (catcher is null)
        {
            return StepResult.Fail(failure.Error, failure.Cause, [.. failedEvents, .. ResultEvents(success: false)]);
        }

        var errorOutput = new JsonObject { ["Error"] = failure.Error, ["Cause"] = failure.Cause };
        try
        {
            var assigned = Frame.EvaluateAssign(catcher.Assign, paths.WithInput(errorOutput));
            var caught = ApplyResultPath(frame.Checkpoint.Input, errorOutput, catcher.ResultPath);
            frame.SetVariables(assigned);
            return StepResult.To(catcher.Next, caught, [.. failedEvents, .. ResultEvents(success: false), Events.StateExited(state.Type, state.Name, caught)]);
        }
        catch (AslRuntimeException ex)
        {
            return StepResult.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause), [.. failedEvents]);
        }
    }

    /// <summary>The checkpoint for the next attempt when a retrier matches and has attempts left, else null.</summary>
    private FrameCheckpoint? NextRetry(TState state, FrameCheckpoint cp, StateFailure failure)
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
                delay *= Engine.NextRandomDouble();
            }

            return cp with
            {
                Attempt = cp.Attempt + 1,
                RetryCounts = counts,
                RetryAt = Engine.Now.AddSeconds(delay),
                Scheduled = false,
                ScheduledAt = null,
                TaskToken = null,
                Items = null,
            };
        }

        return null;
    }
}
