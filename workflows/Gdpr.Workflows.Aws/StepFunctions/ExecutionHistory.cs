using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Aws.StepFunctions;

public sealed record GetExecutionHistoryRequest
{
    public required string ExecutionArn { get; init; }

    /// <summary>Page size, 1–1000; null for the service default (100).</summary>
    public int? MaxResults { get; init; }

    /// <summary>From the previous page; valid for 24 hours.</summary>
    public string? NextToken { get; init; }

    /// <summary>Newest event first.</summary>
    public bool? ReverseOrder { get; init; }

    /// <summary>False leaves inputs and outputs out of the events.</summary>
    public bool? IncludeExecutionData { get; init; }
}

public sealed record ExecutionHistoryPage
{
    public IReadOnlyList<HistoryEvent> Events { get; init; } = [];

    /// <summary>Null on the last page.</summary>
    public string? NextToken { get; init; }
}

/// <summary>One history event; its type-specific details (e.g. <c>taskFailedEventDetails</c>) are in <see cref="Details"/>.</summary>
public sealed record HistoryEvent
{
    public long Id { get; init; }

    public long? PreviousEventId { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>E.g. <c>ExecutionStarted</c>, <c>TaskStateEntered</c>, <c>LambdaFunctionFailed</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Every member the record does not name: the one <c>…EventDetails</c> object and anything newer.</summary>
    [JsonExtensionData]
    [JsonInclude]
    internal Dictionary<string, JsonElement>? OtherMembers { get; set; }

    /// <summary>The <c>…EventDetails</c> object, whatever the event type calls it; null if the event has none.</summary>
    [JsonIgnore]
    public JsonElement? Details
    {
        get
        {
            foreach (var (name, value) in OtherMembers ?? [])
            {
                if (name.EndsWith("EventDetails", StringComparison.Ordinal))
                {
                    return value;
                }
            }

            return null;
        }
    }
}
