using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>Succeed: ends the frame with its (InputPath/OutputPath-processed) input.</summary>
internal sealed class SucceedStateRunner(LocalStepFunctions engine) : StateRunner<SucceedStateDefinition>(engine)
{
    public override async Task<StepResult> RunAsync(Frame frame, SucceedStateDefinition state, CancellationToken ct)
    {
        var input = frame.Checkpoint.Input;
        var entered = Events.StateEntered("Succeed", state.Name, input);
        var paths = Paths(frame, state, input);
        try
        {
            var context = paths.WithInput(ApplyPath(state.InputPath, paths));
            var assigned = Frame.EvaluateAssign(state.Assign, context);
            var output = ApplyPath(state.OutputPath, context);
            frame.SetVariables(assigned);
            return Transition(state, output, [entered, Events.StateExited("Succeed", state.Name, output)]);
        }
        catch (AslRuntimeException ex)
        {
            return await FailAfterEnteringAsync(frame, state, entered, ex);
        }
    }
}
