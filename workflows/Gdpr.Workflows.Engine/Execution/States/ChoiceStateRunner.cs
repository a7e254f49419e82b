using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>Choice: the first matching rule's Next (and its Assign), else Default.</summary>
internal sealed class ChoiceStateRunner(LocalStepFunctions engine) : StateRunner<ChoiceStateDefinition>(engine)
{
    public override async Task<StepResult> RunAsync(Frame frame, ChoiceStateDefinition state, CancellationToken ct)
    {
        var input = frame.Checkpoint.Input;
        var entered = Events.StateEntered("Choice", state.Name, input);
        var paths = Paths(frame, state, input);
        try
        {
            var context = paths.WithInput(ApplyPath(state.InputPath, paths));
            var selection = state.Rules.Select(context, JsonPaths.TrySelect);
            var assigned = Frame.EvaluateAssign(selection.MatchedRule?.Assign ?? state.Assign, context);
            var output = ApplyPath(state.OutputPath, context);
            frame.SetVariables(assigned);
            return StepResult.To(selection.Next, output, [entered, Events.StateExited("Choice", state.Name, output)]);
        }
        catch (AslRuntimeException ex)
        {
            return await FailAfterEnteringAsync(frame, state, entered, ex);
        }
    }
}
