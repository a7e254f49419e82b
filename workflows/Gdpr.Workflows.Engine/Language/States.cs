using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Choice;

namespace Gdpr.Workflows.Engine.Language;

/// <summary>
/// An ASL path field that may be absent (default "$"), explicitly null (AWS: "{}" for InputPath/OutputPath,
/// "discard the result" for ResultPath) or a path.
/// </summary>
public readonly record struct OptionalPath(string? Path)
{
    public static readonly OptionalPath Default = new("$");

    public bool IsNull => Path is null;
}

/// <summary>A state of a state machine or branch, as parsed and validated at load.</summary>
public abstract class StateDefinition
{
    public required string Name { get; init; }

    public required string Type { get; init; }

    /// <summary>The state's location in the definition, e.g. "/States/Parallel/Branches[0]/States/A", for error messages.</summary>
    public required string Location { get; init; }

    public string? Next { get; init; }

    public bool End { get; init; }

    public OptionalPath InputPath { get; init; } = OptionalPath.Default;

    public OptionalPath OutputPath { get; init; } = OptionalPath.Default;

    public JsonNode? Assign { get; init; }

    /// <summary>True for states that end a branch on their own (Succeed, Fail) or with End.</summary>
    public bool IsTerminal => End || Type is "Succeed" or "Fail";
}

/// <summary>States that produce a result merged into their input by ResultPath.</summary>
public abstract class ResultStateDefinition : StateDefinition
{
    public JsonNode? Parameters { get; init; }

    public OptionalPath ResultPath { get; init; } = OptionalPath.Default;
}

/// <summary>States with ResultSelector, Retry and Catch: Task, Parallel, Map.</summary>
public abstract class ExecutingStateDefinition : ResultStateDefinition
{
    public JsonNode? ResultSelector { get; init; }

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}

public sealed class PassStateDefinition : ResultStateDefinition
{
    public JsonNode? Result { get; init; }

    public bool HasResult { get; init; }
}

public sealed class SucceedStateDefinition : StateDefinition;

public sealed class FailStateDefinition : StateDefinition
{
    /// <summary>Error or ErrorPath (a path or an intrinsic function).</summary>
    public ValueOrPath<string>? Error { get; init; }

    /// <summary>Cause or CausePath (a path or an intrinsic function).</summary>
    public ValueOrPath<string>? Cause { get; init; }
}

public sealed class WaitStateDefinition : StateDefinition
{
    /// <summary>Seconds or SecondsPath; exactly one of this and <see cref="Timestamp"/> is set.</summary>
    public ValueOrPath<long>? Seconds { get; init; }

    /// <summary>Timestamp or TimestampPath.</summary>
    public ValueOrPath<DateTimeOffset>? Timestamp { get; init; }
}

public sealed class ChoiceStateDefinition : StateDefinition
{
    public required ChoiceState Rules { get; init; }
}

public sealed class TaskStateDefinition : ExecutingStateDefinition
{
    /// <summary>The resource ARN as written, including any .waitForTaskToken/.sync suffix.</summary>
    public required string Resource { get; init; }

    /// <summary>TimeoutSeconds or TimeoutSecondsPath.</summary>
    public ValueOrPath<int>? TimeoutSeconds { get; init; }

    /// <summary>HeartbeatSeconds or HeartbeatSecondsPath.</summary>
    public ValueOrPath<int>? HeartbeatSeconds { get; init; }

    public JsonNode? Credentials { get; init; }
}

public sealed class ParallelStateDefinition : ExecutingStateDefinition
{
    public required IReadOnlyList<StateMachineDefinition> Branches { get; init; }
}

public sealed class MapStateDefinition : ExecutingStateDefinition
{
    public required StateMachineDefinition Processor { get; init; }

    public bool Distributed { get; init; }

    public string? Label { get; init; }

    public string? ItemsPath { get; init; }

    public JsonNode? ItemSelector { get; init; }

    public ItemBatcher? ItemBatcher { get; init; }

    /// <summary>MaxConcurrency or MaxConcurrencyPath; absent (or 0) runs every item at once.</summary>
    public ValueOrPath<int>? MaxConcurrency { get; init; }

    /// <summary>ToleratedFailureCount or ToleratedFailureCountPath.</summary>
    public ValueOrPath<int>? ToleratedFailureCount { get; init; }

    /// <summary>ToleratedFailurePercentage or ToleratedFailurePercentagePath.</summary>
    public ValueOrPath<double>? ToleratedFailurePercentage { get; init; }

    public JsonNode? ItemReader { get; init; }

    public JsonNode? ResultWriter { get; init; }
}

/// <summary>A Retry entry: which errors, how often, how long between attempts.</summary>
public sealed record Retrier(
    IReadOnlyList<string> ErrorEquals,
    double IntervalSeconds,
    int MaxAttempts,
    double BackoffRate,
    int? MaxDelaySeconds,
    bool FullJitter);

/// <summary>A Catch entry: which errors, where the error output goes, and the next state.</summary>
public sealed record Catcher(IReadOnlyList<string> ErrorEquals, OptionalPath ResultPath, string Next, JsonNode? Assign);
