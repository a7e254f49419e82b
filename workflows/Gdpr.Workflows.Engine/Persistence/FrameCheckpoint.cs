using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Persistence;

/// <summary>
/// Where one frame (the execution itself, a Parallel branch or a Map iteration) stands: the state it is in, that
/// state's input, its variables, and how far the state got (entered, attempt, retry time, task token, wait time).
/// Written in the same commit as the history events of the transition, so resuming from it repeats nothing
/// that was recorded. Treat as immutable: derive a new one with <c>with</c>.
/// </summary>
public sealed record FrameCheckpoint
{
    /// <summary>Counts the frame's transitions; names child frames so a re-entered Parallel/Map gets fresh ones.</summary>
    public long Step { get; init; }

    public string State { get; init; } = string.Empty;

    /// <summary>The raw input of the current state.</summary>
    public JsonNode? Input { get; init; }

    /// <summary>This frame's own workflow variables (outer scopes belong to the parent frames).</summary>
    public JsonObject? Variables { get; init; }

    public bool Entered { get; init; }

    public DateTimeOffset? EnteredTime { get; init; }

    /// <summary>Attempt number of the current Task/Parallel/Map state, from 0.</summary>
    public int Attempt { get; init; }

    /// <summary>Attempts used per retrier of the current state.</summary>
    public IReadOnlyList<int>? RetryCounts { get; init; }

    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>True once the current attempt's TaskScheduled was recorded: on resume it runs again with the same idempotency key.</summary>
    public bool Scheduled { get; init; }

    public DateTimeOffset? ScheduledAt { get; init; }

    public string? TaskToken { get; init; }

    public DateTimeOffset? WaitUntil { get; init; }

    /// <summary>The inputs of a Parallel's branches or a Map's iterations, fixed when the attempt started.</summary>
    public JsonArray? Items { get; init; }

    public long LastEventId { get; init; }

    /// <summary>Id of the current state's Entered event (AWS names it in error causes).</summary>
    public long EnteredEventId { get; init; }

    /// <summary>Set when the frame has ended: its output, or its error and cause.</summary>
    public bool Finished { get; init; }

    public bool Failed { get; init; }

    public JsonNode? Output { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }
}
