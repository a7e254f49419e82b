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
    DateTimeOffset? StopDate,
    int RedriveCount = 0);

/// <summary>
/// One event of an execution's history, in AWS's shape: Type is AWS's event type name
/// (ExecutionStarted, TaskStateEntered, LambdaFunctionScheduled, ...), DetailsJson the type-specific
/// details object (e.g. stateEnteredEventDetails, named by DetailsName) as compact JSON text.
/// The engine renders the text on first read: histories are written far more often than they are read.
/// </summary>
public sealed class HistoryEvent
{
    private EventDetails? render;
    private string? detailsJson;

    public HistoryEvent(long id, long previousEventId, DateTimeOffset timestamp, string type, string? detailsName, string? detailsJson)
        : this(id, previousEventId, timestamp, type, detailsName, (EventDetails?)null)
    {
        this.detailsJson = detailsJson;
    }

    internal HistoryEvent(long id, long previousEventId, DateTimeOffset timestamp, string type, string? detailsName, EventDetails? render)
    {
        Id = id;
        PreviousEventId = previousEventId;
        Timestamp = timestamp;
        Type = type;
        DetailsName = detailsName;
        this.render = render;
    }

    public long Id { get; }

    public long PreviousEventId { get; }

    public DateTimeOffset Timestamp { get; }

    public string Type { get; }

    public string? DetailsName { get; }

    public string? DetailsJson
    {
        get
        {
            var pending = render;
            if (pending is not null)
            {
                // Rendering twice on a race yields the same text; the payloads it reads are never changed.
                detailsJson = pending.Render();
                render = null;
            }

            return detailsJson;
        }
    }

    /// <summary>The details parsed (a new object each call).</summary>
    public JsonObject? Details => DetailsJson is null ? null : JsonNode.Parse(DetailsJson) as JsonObject;
}
