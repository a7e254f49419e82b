using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Aws.StepFunctions;

public sealed record StopExecutionRequest
{
    public required string ExecutionArn { get; init; }

    /// <summary>Recorded as the execution's error (at most 256 characters).</summary>
    public string? Error { get; init; }

    /// <summary>Recorded as the execution's cause; it is stored in the history, so ids only.</summary>
    public string? Cause { get; init; }
}

public sealed record StopExecutionResult
{
    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset StopDate { get; init; }
}
