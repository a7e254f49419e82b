using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>
/// Wait: its deadline is fixed and committed when the state is entered, so a run resumed after a crash waits only
/// the remainder.
/// </summary>
internal sealed class WaitStateRunner(LocalStepFunctions engine) : StateRunner<WaitStateDefinition>(engine)
{
    public override async Task<StepResult> RunAsync(Frame frame, WaitStateDefinition state, CancellationToken ct)
    {
        var cp = frame.Checkpoint;
        var paths = Paths(frame, state, cp.Input);
        JsonNode? effective;
        try
        {
            effective = ApplyPath(state.InputPath, paths);
            if (!cp.Entered)
            {
                var now = Engine.Now;
                var context = paths.WithInput(effective);
                var until = state.Seconds is { } seconds ? now.AddSeconds(seconds.Evaluate(context)) : state.Timestamp!.Evaluate(context);
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
            var context = paths.WithInput(effective);
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
}
