using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Aws.StepFunctions;

internal sealed record DescribeExecutionRequest(string ExecutionArn);

/// <summary>DescribeExecution's answer (the fields this project reads; unknown ones are ignored).</summary>
public sealed record ExecutionDescription
{
    public required string ExecutionArn { get; init; }

    public string? StateMachineArn { get; init; }

    public string? Name { get; init; }

    /// <summary>One of <see cref="ExecutionStatus"/>.</summary>
    public required string Status { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset StartDate { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset? StopDate { get; init; }

    public string? Input { get; init; }

    /// <summary>Present once the execution succeeded.</summary>
    public string? Output { get; init; }

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public int? RedriveCount { get; init; }
}

/// <summary>The values of an execution's <c>status</c>.</summary>
public static class ExecutionStatus
{
    public const string Running = "RUNNING";
    public const string Succeeded = "SUCCEEDED";
    public const string Failed = "FAILED";
    public const string TimedOut = "TIMED_OUT";
    public const string Aborted = "ABORTED";
    public const string PendingRedrive = "PENDING_REDRIVE";
}
