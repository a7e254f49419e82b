using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>Pass: its Result, or its Parameters, or its input, merged by ResultPath.</summary>
internal sealed class PassStateRunner(LocalStepFunctions engine) : InstantStateRunner<PassStateDefinition>(engine)
{
    protected override StepResult Step(Frame frame, PassStateDefinition state, JsonNode? input, PathContext paths, PendingEvent entered)
    {
        var effective = ApplyPath(state.InputPath, paths);
        var result = state.HasResult ? state.Result?.DeepClone()
            : state.Parameters is not null ? PayloadTemplate.Evaluate(state.Parameters, paths.WithInput(effective), "Parameters")
            : effective;
        var assigned = Frame.EvaluateAssign(state.Assign, paths.WithInput(result));
        var output = ApplyPath(state.OutputPath, paths.WithInput(ApplyResultPath(input, result, state.ResultPath)));
        frame.SetVariables(assigned);
        return Transition(state, output, [entered, Events.StateExited("Pass", state.Name, output)]);
    }
}
