using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Aws.StepFunctions;

/// <summary>StartExecution's input. A repeated name with the same input returns the first execution (idempotent start).</summary>
public sealed record StartExecutionRequest
{
    public required string StateMachineArn { get; init; }

    /// <summary>Unique per state machine for 90 days; null lets Step Functions pick a UUID.</summary>
    public string? Name { get; init; }

    /// <summary>The execution input as JSON text; null for <c>{}</c>.</summary>
    public string? Input { get; init; }

    /// <summary>An X-Ray trace header to continue.</summary>
    public string? TraceHeader { get; init; }
}

public sealed record StartExecutionResult
{
    public required string ExecutionArn { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset StartDate { get; init; }
}
