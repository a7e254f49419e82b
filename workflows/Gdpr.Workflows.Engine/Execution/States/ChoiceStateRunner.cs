using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>Choice: the first matching rule's Next (and its Assign), else Default.</summary>
internal sealed class ChoiceStateRunner(LocalStepFunctions engine) : InstantStateRunner<ChoiceStateDefinition>(engine)
{
    protected override StepResult Step(Frame frame, ChoiceStateDefinition state, JsonNode? input, PathContext paths, PendingEvent entered)
    {
        var context = paths.WithInput(ApplyPath(state.InputPath, paths));
        var selection = state.Rules.Select(context, JsonPaths.TrySelect);
        var assigned = Frame.EvaluateAssign(selection.MatchedRule?.Assign ?? state.Assign, context);
        var output = ApplyPath(state.OutputPath, context);
        frame.SetVariables(assigned);
        return StepResult.To(selection.Next, output, [entered, Events.StateExited("Choice", state.Name, output)]);
    }
}
