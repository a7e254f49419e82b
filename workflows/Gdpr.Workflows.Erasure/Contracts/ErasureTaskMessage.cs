using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Erasure.Contracts;

/// <summary>
/// What an async system receives on the ErasureTasksTopic:
/// <c>{kind: "ErasureTask", requestId, system, taskToken, heartbeatSeconds, timeoutSeconds}</c>. Ids only: the system's
/// adapter reads the subject's identifiers from the vault. The token is the capability to answer;
/// <see cref="ToString"/> redacts it.
/// </summary>
public sealed record ErasureTaskMessage(string RequestId, string System, string TaskToken, int HeartbeatSeconds, int TimeoutSeconds)
{
    public const string Kind = "ErasureTask";

    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind,
        ["requestId"] = RequestId,
        ["system"] = System,
        ["taskToken"] = TaskToken,
        ["heartbeatSeconds"] = HeartbeatSeconds,
        ["timeoutSeconds"] = TimeoutSeconds,
    };

    /// <exception cref="InvalidInputException">Not an erasure task, or a field is missing.</exception>
    public static ErasureTaskMessage Parse(JsonNode? message)
    {
        var json = JsonFields.Object(message, "An erasure task");
        if (JsonFields.OptionalString(json, "kind") != Kind)
        {
            throw new InvalidInputException($"'kind' must be {Kind}.");
        }

        return new ErasureTaskMessage(
            JsonFields.RequiredString(json, "requestId"),
            JsonFields.RequiredString(json, "system"),
            JsonFields.RequiredString(json, "taskToken"),
            JsonFields.RequiredInt(json, "heartbeatSeconds"),
            JsonFields.RequiredInt(json, "timeoutSeconds"));
    }

    public override string ToString() =>
        $"ErasureTask {{ RequestId = {RequestId}, System = {System}, TaskToken = <redacted>, HeartbeatSeconds = {HeartbeatSeconds}, TimeoutSeconds = {TimeoutSeconds} }}";
}
