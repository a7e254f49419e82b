using System.Text.Json.Serialization;

namespace Gdpr.Workflows.Aws.StepFunctions;

public sealed record CreateStateMachineRequest
{
    public required string Name { get; init; }

    /// <summary>The Amazon States Language definition, as JSON text.</summary>
    public required string Definition { get; init; }

    public required string RoleArn { get; init; }

    /// <summary><c>STANDARD</c> (null) or <c>EXPRESS</c>.</summary>
    public string? Type { get; init; }
}

public sealed record CreateStateMachineResult
{
    public required string StateMachineArn { get; init; }

    [JsonConverter(typeof(EpochSecondsConverter))]
    public DateTimeOffset CreationDate { get; init; }
}

internal sealed record DeleteStateMachineRequest(string StateMachineArn);
