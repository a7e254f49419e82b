using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Aws.StepFunctions;

public sealed record ListExecutionsRequest
{
    /// <summary>The state machine (or version/alias) whose executions to list.</summary>
    public string? StateMachineArn { get; init; }

    /// <summary>Only executions in this <see cref="ExecutionStatus"/>.</summary>
    public string? StatusFilter { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

public sealed record ExecutionListPage
{
    public IReadOnlyList<ExecutionListItem> Executions { get; init; } = [];

    /// <summary>Null on the last page.</summary>
    public string? NextToken { get; init; }
}

public sealed record ExecutionListItem
{
    public required string ExecutionArn { get; init; }

    public string? StateMachineArn { get; init; }

    public string? Name { get; init; }

    public required string Status { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset StartDate { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? StopDate { get; init; }
}
