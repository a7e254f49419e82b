using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Contracts;

/// <summary>What an answer does: complete the task with an outcome, fail it, or keep it alive.</summary>
public enum TaskAnswerKind
{
    Outcome,
    Failure,
    Heartbeat,
}

/// <summary>
/// One answer to an erasure task (answer.schema.json), read the same way by every host: checked against the schema
/// first, then by the domain's own rules (<see cref="ErasureAnswer"/>). The token is redacted in <see cref="ToString"/>.
/// </summary>
public sealed record TaskAnswer(string TaskToken, TaskAnswerKind Kind, ErasureAnswer? Outcome = null, string? Error = null)
{
    /// <summary>The task's id (SHA-256 of the token), safe to log and echo.</summary>
    public string TaskId => ErasureTaskMessage.IdOf(TaskToken);

    /// <summary>The fingerprint of what the answer sends (<see cref="TaskAnswerDigest"/>); null for a heartbeat.</summary>
    public string? Digest => Kind switch
    {
        TaskAnswerKind.Outcome => TaskAnswerDigest.OfSuccess(Outcome!.ToJson().ToJsonString()),
        TaskAnswerKind.Failure => TaskAnswerDigest.OfFailure(Error!),
        _ => null,
    };

    /// <summary>"succeeded", "failed" or "heartbeat".</summary>
    public string Answered => Kind switch
    {
        TaskAnswerKind.Outcome => "succeeded",
        TaskAnswerKind.Failure => "failed",
        _ => "heartbeat",
    };

    /// <summary>Reads an answer body.</summary>
    /// <exception cref="InvalidInputException">It breaks the contract's schema (the locations are named, never the values) or the domain's rules.</exception>
    public static TaskAnswer Read(JsonNode? body)
    {
        var check = ErasureTaskContract.Validate(ErasureTaskDocument.Answer, body);
        if (!check.Valid)
        {
            throw new InvalidInputException($"The answer does not follow the erasure-task contract v{ErasureTaskContract.Version} (answer.schema.json): {check}");
        }

        var json = (JsonObject)body!;
        var token = json["taskToken"]!.GetValue<string>();
        if (json["heartbeat"] is not null)
        {
            return new TaskAnswer(token, TaskAnswerKind.Heartbeat);
        }

        if (json["error"] is JsonValue error)
        {
            return new TaskAnswer(token, TaskAnswerKind.Failure, Error: error.GetValue<string>());
        }

        return new TaskAnswer(token, TaskAnswerKind.Outcome, ErasureAnswer.FromJson(json));
    }

    /// <summary>Sends the answer through the callback port (unknown token: NotFound; used or expired: Conflict).</summary>
    public async Task ApplyAsync(ITaskCallbacks callbacks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        switch (Kind)
        {
            case TaskAnswerKind.Heartbeat:
                await callbacks.HeartbeatAsync(TaskToken, cancellationToken);
                break;
            case TaskAnswerKind.Failure:
                await callbacks.FailAsync(TaskToken, Error!, cancellationToken);
                break;
            default:
                await callbacks.CompleteAsync(TaskToken, Outcome!, cancellationToken);
                break;
        }
    }

    public override string ToString() => $"TaskAnswer {{ TaskId = {TaskId}, Kind = {Kind}, TaskToken = <redacted> }}";
}
