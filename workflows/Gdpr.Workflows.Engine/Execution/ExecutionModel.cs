using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Execution;

public enum ExecutionStatus
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

public enum StateMachineType
{
    Standard,
    Express,
}

/// <summary>What DescribeExecution returns. Output, Error and Cause are set once the execution has ended.</summary>
public sealed record ExecutionDescription(
    string ExecutionArn,
    string StateMachineArn,
    string Name,
    ExecutionStatus Status,
    string Input,
    string? Output,
    string? Error,
    string? Cause,
    DateTimeOffset StartDate,
    DateTimeOffset? StopDate);

/// <summary>
/// One event of an execution's history, in AWS's shape: Type is AWS's event type name
/// (ExecutionStarted, TaskStateEntered, LambdaFunctionScheduled, ...), DetailsJson the type-specific
/// details object (e.g. stateEnteredEventDetails, named by DetailsName) as compact JSON text.
/// Kept as text: histories are written far more often than read, and text costs the collector nothing.
/// </summary>
public sealed record HistoryEvent(
    long Id,
    long PreviousEventId,
    DateTimeOffset Timestamp,
    string Type,
    string? DetailsName,
    string? DetailsJson)
{
    /// <summary>The details parsed (a new object each call).</summary>
    public JsonObject? Details => DetailsJson is null ? null : JsonNode.Parse(DetailsJson) as JsonObject;
}
