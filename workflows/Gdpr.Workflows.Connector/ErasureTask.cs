using System.Globalization;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Connector;

/// <summary>
/// An erasure task as received (erasure-task contract v1, task.schema.json). Ids and times only; the subject's
/// identifiers are fetched for it (<see cref="ErasureSubject"/>). <see cref="ToString"/> redacts the token.
/// </summary>
public sealed record ErasureTask(string TaskId, string RequestId, string System, string TaskToken, int HeartbeatSeconds, int TimeoutSeconds, DateOnly? ExpectedBy, DateTimeOffset? RespondBy)
{
    /// <summary>Reads a task message; null when it is not one (another kind, a missing field): such a message is dropped.</summary>
    public static ErasureTask? TryParse(JsonNode? node)
    {
        if (node is not JsonObject json || Text(json, "kind") != "ErasureTask" || Text(json, "taskToken") is not { Length: > 0 } token
            || Text(json, "requestId") is not { } requestId || Text(json, "system") is not { } system)
        {
            return null;
        }

        return new ErasureTask(
            Text(json, "taskId") ?? IdOf(token),
            requestId,
            system,
            token,
            Number(json, "heartbeatSeconds"),
            Number(json, "timeoutSeconds"),
            Text(json, "expectedBy") is { } day && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            Text(json, "respondBy") is { } by && DateTimeOffset.TryParse(by, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var r) ? r : null);
    }

    /// <summary>A task's id: the SHA-256 (lower-case hex) of its token, as the workflow computes it.</summary>
    public static string IdOf(string taskToken) =>
        Convert.ToHexStringLower(global::System.Security.Cryptography.SHA256.HashData(global::System.Text.Encoding.UTF8.GetBytes(taskToken)));

    public override string ToString() => $"ErasureTask {{ TaskId = {TaskId}, RequestId = {RequestId}, System = {System}, TaskToken = <redacted> }}";

    private static string? Text(JsonObject json, string field) => json[field] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static int Number(JsonObject json, string field) => json[field] is JsonValue value && value.TryGetValue(out int number) ? number : 0;
}

/// <summary>One identifier of the subject: kind (email, phone, customer_id, keyed.&lt;key&gt;) and value. Personal data: never log it.</summary>
public sealed record SubjectIdentifier(string Kind, string Value)
{
    public override string ToString() => $"{Kind}:<redacted>";
}

/// <summary>Who to erase: what <c>GET /tasks/{taskId}/subject</c> gave for the task (subject.schema.json).</summary>
public sealed record ErasureSubject(string RequestId, IReadOnlyList<SubjectIdentifier> Identifiers)
{
    /// <summary>The first identifier of <paramref name="kind"/>, or null.</summary>
    public string? Find(string kind) => Identifiers.FirstOrDefault(i => i.Kind == kind)?.Value;

    public override string ToString() => $"ErasureSubject {{ RequestId = {RequestId}, Identifiers = {Identifiers.Count} }}";
}

/// <summary>What the handler knows about the task besides the subject.</summary>
public sealed record ErasureContext(ErasureTask Task, string ReceivedBy)
{
    public string RequestId => Task.RequestId;

    /// <summary>The request's legal deadline.</summary>
    public DateOnly? ExpectedBy => Task.ExpectedBy;

    /// <summary>Answer by then and the answer is in time.</summary>
    public DateTimeOffset? RespondBy => Task.RespondBy;
}
