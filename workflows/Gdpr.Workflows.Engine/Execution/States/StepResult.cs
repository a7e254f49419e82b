using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Execution.States;

/// <summary>What one state did: go to Next with Output, end the frame, or fail; with the events to record.</summary>
internal sealed record StepResult(string? Next, JsonNode? Output, bool Failed, string? Error, string? Cause, List<PendingEvent> Events)
{
    public static StepResult To(string next, JsonNode? output, List<PendingEvent> events) => new(next, output, false, null, null, events);

    public static StepResult End(JsonNode? output, List<PendingEvent> events) => new(null, output, false, null, null, events);

    public static StepResult Fail(string? error, string? cause, List<PendingEvent> events) => new(null, null, true, error, cause, events);
}

/// <summary>One attempt of a Task, Parallel or Map: its result and events, or its failure.</summary>
internal readonly record struct AttemptOutcome(JsonNode? Result, PendingEvent[] Events, StateFailure? Failure)
{
    public static AttemptOutcome Fail(string? error, string? cause) => new(null, [], new StateFailure(error, cause));
}
