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
/// (ExecutionStarted, TaskStateEntered, LambdaFunctionScheduled, ...), Details holds the
/// type-specific details object (e.g. stateEnteredEventDetails) under AWS's property name.
/// </summary>
public sealed record HistoryEvent(
    long Id,
    long PreviousEventId,
    DateTimeOffset Timestamp,
    string Type,
    string? DetailsName,
    JsonObject? Details);
