using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>Succeed: ends the frame with its (InputPath/OutputPath-processed) input.</summary>
internal sealed class SucceedStateRunner(LocalStepFunctions engine) : InstantStateRunner<SucceedStateDefinition>(engine)
{
    protected override StepResult Step(Frame frame, SucceedStateDefinition state, JsonNode? input, PathContext paths, PendingEvent entered)
    {
        var context = paths.WithInput(ApplyPath(state.InputPath, paths));
        var assigned = Frame.EvaluateAssign(state.Assign, context);
        var output = ApplyPath(state.OutputPath, context);
        frame.SetVariables(assigned);
        return Transition(state, output, [entered, Events.StateExited("Succeed", state.Name, output)]);
    }
}
