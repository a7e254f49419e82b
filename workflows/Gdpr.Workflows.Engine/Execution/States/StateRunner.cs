using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>
/// Runs one state type. The base holds AWS's input/output processing as every state type applies it: InputPath and
/// OutputPath (absent is "$", null is {}), ResultPath, the context object each path sees, and how a runtime error in
/// a state is reported (its cause prefixed with the state and the event that entered it).
/// </summary>
internal abstract class StateRunner<TState>(LocalStepFunctions engine)
    where TState : StateDefinition
{
    protected LocalStepFunctions Engine => engine;

    public abstract Task<StepResult> RunAsync(Frame frame, TState state, CancellationToken ct);

    protected PathContext Paths(Frame frame, StateDefinition state, JsonNode? input, string? token = null, MapItem? mapItem = null) =>
        frame.Paths(input, state.Name, frame.Checkpoint.EnteredTime ?? engine.Now, state is ExecutingStateDefinition ? frame.Checkpoint.Attempt : null, token, mapItem);

    /// <summary>InputPath and OutputPath select alike: absent is "$", null is an empty object.</summary>
    protected static JsonNode? ApplyPath(OptionalPath path, PathContext paths) => path.Path switch
    {
        null => new JsonObject(),
        "$" => paths.Input,
        var selected => JsonPaths.Select(selected, paths),
    };

    protected static JsonNode? ApplyResultPath(JsonNode? input, JsonNode? result, OptionalPath resultPath) =>
        JsonPaths.ApplyResultPath(input, result, resultPath.Path);

    /// <summary>To Next, or the end of the frame for an End (or Succeed) state.</summary>
    protected static StepResult Transition(StateDefinition state, JsonNode? output, List<PendingEvent> events) =>
        state.End || state.Type is "Succeed" ? StepResult.End(output, events) : StepResult.To(state.Next!, output, events);

    /// <summary>A state without Retry failed before it exited: its entry is recorded, then the frame fails.</summary>
    protected async Task<StepResult> FailAfterEnteringAsync(Frame frame, StateDefinition state, PendingEvent entered, AslRuntimeException ex)
    {
        await frame.CommitAsync(frame.Checkpoint with { Entered = true, EnteredTime = engine.Now }, [entered], marksEntry: true);
        return StepResult.Fail(ex.Error, WithStatePrefix(frame, state, ex.Cause), []);
    }

    protected static string WithStatePrefix(Frame frame, StateDefinition state, string cause) =>
        cause.StartsWith("An error occurred while executing the state", StringComparison.Ordinal)
            ? cause
            : $"An error occurred while executing the state '{state.Name}' (entered at the event id #{frame.Checkpoint.EnteredEventId}). {cause}";

    protected async Task DelayUntilAsync(DateTimeOffset until, CancellationToken ct)
    {
        var delay = until - engine.Now;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, engine.Options.TimeProvider, ct);
        }
    }
}
