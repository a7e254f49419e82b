using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>Fail: fails the frame with its Error and Cause (given, or read from the input).</summary>
internal sealed class FailStateRunner(LocalStepFunctions engine) : InstantStateRunner<FailStateDefinition>(engine)
{
    protected override StepResult Step(Frame frame, FailStateDefinition state, JsonNode? input, PathContext paths, PendingEvent entered) =>
        StepResult.Fail(state.Error?.Evaluate(paths), state.Cause?.Evaluate(paths), [entered]);
}
