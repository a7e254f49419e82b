using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>
/// A state that does its work in one step, without waiting or retrying (Pass, Choice, Succeed, Fail): it is entered
/// and left in the same commit; a runtime error in it is recorded after its entry.
/// </summary>
internal abstract class InstantStateRunner<TState>(LocalStepFunctions engine) : StateRunner<TState>(engine)
    where TState : StateDefinition
{
    public sealed override async Task<StepResult> RunAsync(Frame frame, TState state, CancellationToken ct)
    {
        var input = frame.Checkpoint.Input;
        var entered = Events.StateEntered(state.Type, state.Name, input);
        try
        {
            return Step(frame, state, input, Paths(frame, state, input), entered);
        }
        catch (AslRuntimeException ex)
        {
            return await FailAfterEnteringAsync(frame, state, entered, ex);
        }
    }

    /// <summary>The state's step on its input; <paramref name="entered"/> is the first of the events it returns.</summary>
    protected abstract StepResult Step(Frame frame, TState state, JsonNode? input, PathContext paths, PendingEvent entered);
}
