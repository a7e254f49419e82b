using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Erasure.Contracts;

/// <summary>
/// What an async system receives (erasure-task contract v1, contracts/erasure-task/v1/task.schema.json):
/// <c>{kind: "ErasureTask", contractVersion: "1", taskId, requestId, system, taskToken, heartbeatSeconds, timeoutSeconds,
/// expectedBy, respondBy}</c>. Ids and times only: the system fetches the subject's identifiers for the task through
/// an authenticated call. The token is the capability to answer; <see cref="ToString"/> redacts it.
/// </summary>
/// <param name="ExpectedBy">The request's legal deadline; null only while its clock is stopped.</param>
/// <param name="RespondBy">Answer by then and the answer is in time (never later than the task's real timeout).</param>
public sealed record ErasureTaskMessage(string RequestId, string System, string TaskToken, int HeartbeatSeconds, int TimeoutSeconds, DateOnly? ExpectedBy = null, DateTimeOffset? RespondBy = null)
{
    public const string Kind = "ErasureTask";

    public const string ContractVersion = "1";

    /// <summary>The task's id: the SHA-256 (lower-case hex) of its token, as the state machine computes it with States.Hash.</summary>
    public string TaskId => IdOf(TaskToken);

    /// <summary>The id of the task answered with <paramref name="taskToken"/>: safe to log and to key answers by.</summary>
    public static string IdOf(string taskToken) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(taskToken)));

    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind,
        ["contractVersion"] = ContractVersion,
        ["taskId"] = TaskId,
        ["requestId"] = RequestId,
        ["system"] = System,
        ["taskToken"] = TaskToken,
        ["heartbeatSeconds"] = HeartbeatSeconds,
        ["timeoutSeconds"] = TimeoutSeconds,
        ["expectedBy"] = ExpectedBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["respondBy"] = RespondBy?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };

    /// <exception cref="InvalidInputException">Not an erasure task, or a field is missing.</exception>
    public static ErasureTaskMessage Parse(JsonNode? message)
    {
        var json = JsonFields.Object(message, "An erasure task");
        if (JsonFields.OptionalString(json, "kind") != Kind)
        {
            throw new InvalidInputException($"'kind' must be {Kind}.");
        }

        DateOnly? expectedBy = JsonFields.OptionalString(json, "expectedBy") is { } day
            ? DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDay) ? parsedDay : throw new InvalidInputException("'expectedBy' must be a date, yyyy-MM-dd.")
            : null;
        DateTimeOffset? respondBy = JsonFields.OptionalString(json, "respondBy") is { } instant
            ? DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedInstant) ? parsedInstant : throw new InvalidInputException("'respondBy' must be a date-time.")
            : null;
        return new ErasureTaskMessage(
            JsonFields.RequiredString(json, "requestId"),
            JsonFields.RequiredString(json, "system"),
            JsonFields.RequiredString(json, "taskToken"),
            JsonFields.RequiredInt(json, "heartbeatSeconds"),
            JsonFields.RequiredInt(json, "timeoutSeconds"),
            expectedBy,
            respondBy);
    }

    public override string ToString() =>
        $"ErasureTask {{ RequestId = {RequestId}, System = {System}, TaskToken = <redacted>, HeartbeatSeconds = {HeartbeatSeconds}, TimeoutSeconds = {TimeoutSeconds} }}";
}
