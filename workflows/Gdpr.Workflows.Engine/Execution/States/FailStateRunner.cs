using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>Fail: fails the frame with its Error and Cause (given, or read from the input).</summary>
internal sealed class FailStateRunner(LocalStepFunctions engine) : StateRunner<FailStateDefinition>(engine)
{
    public override async Task<StepResult> RunAsync(Frame frame, FailStateDefinition state, CancellationToken ct)
    {
        var input = frame.Checkpoint.Input;
        var entered = Events.StateEntered("Fail", state.Name, input);
        var paths = Paths(frame, state, input);
        try
        {
            return StepResult.Fail(state.Error?.Evaluate(paths), state.Cause?.Evaluate(paths), [entered]);
        }
        catch (AslRuntimeException ex)
        {
            return await FailAfterEnteringAsync(frame, state, entered, ex);
        }
    }
}
