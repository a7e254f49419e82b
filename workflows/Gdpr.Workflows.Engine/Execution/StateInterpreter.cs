using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Execution.States;
using Gdpr.Workflows.Engine.Language;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>How a frame ended.</summary>
internal sealed record FrameOutcome(bool Succeeded, JsonNode? Output, string? Error, string? Cause);

/// <summary>
/// Runs frames state by state, each state by the runner of its type (Execution/States). Every transition is
/// committed before the next state begins; side effects (task invocations) are keyed by execution, frame, step and
/// attempt so that a run resumed after a crash repeats them with the same key.
/// </summary>
internal sealed class StateInterpreter
{
    private const int MaxHistoryEvents = 25_000;

    private readonly PassStateRunner pass;
    private readonly ChoiceStateRunner choice;
    private readonly SucceedStateRunner succeed;
    private readonly FailStateRunner fail;
    private readonly WaitStateRunner wait;
    private readonly TaskStateRunner task;
    private readonly ParallelStateRunner parallel;
    private readonly MapStateRunner map;

    public StateInterpreter(LocalStepFunctions engine)
    {
        var children = new ChildFrames(this);
        pass = new PassStateRunner(engine);
        choice = new ChoiceStateRunner(engine);
        succeed = new SucceedStateRunner(engine);
        fail = new FailStateRunner(engine);
        wait = new WaitStateRunner(engine);
        task = new TaskStateRunner(engine);
        parallel = new ParallelStateRunner(engine, children);
        map = new MapStateRunner(engine, children);
    }

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
        PassStateDefinition s => pass.RunAsync(frame, s, ct),
        ChoiceStateDefinition s => choice.RunAsync(frame, s, ct),
        SucceedStateDefinition s => succeed.RunAsync(frame, s, ct),
        FailStateDefinition s => fail.RunAsync(frame, s, ct),
        WaitStateDefinition s => wait.RunAsync(frame, s, ct),
        TaskStateDefinition s => task.RunAsync(frame, s, ct),
        ParallelStateDefinition s => parallel.RunAsync(frame, s, ct),
        MapStateDefinition s => map.RunAsync(frame, s, ct),
        _ => throw new InvalidOperationException($"Unknown state type {state.Type}"),
    };
}
