using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Contracts;

/// <summary>
/// What a host answers to an answer (erasure-task contract v1): the same status and body on the local host and on
/// the TaskCallback function, so a system's connector cannot tell them apart.
/// <list type="bullet">
/// <item>200 <c>{delivered: true, answer: succeeded|failed|heartbeat, taskId, duplicate}</c>: taken; <c>duplicate</c>
/// is true when the same answer had been taken before (answers are idempotent by task id).</item>
/// <item>400 <c>{error: {code: "bad_input", message}}</c>: it breaks the contract; nothing was sent.</item>
/// <item>404 <c>{error: {code: "not_found", message}}</c>: no task of the caller has this token.</item>
/// <item>409 <c>{error: {code: "conflict", message}}</c>: the task can no longer be answered, or was answered otherwise.</item>
/// <item>503 <c>{error: {code: "unavailable", message}}</c>: try again later.</item>
/// </list>
/// </summary>
public readonly record struct TaskAnswerResponse(int Status, JsonObject Body)
{
    /// <summary>The message of every 404: fixed, so no host says more about a token than another.</summary>
    public const string UnknownTaskMessage = "No task of this caller has this token (never issued, expired, or another system's): 'GET /tasks' lists the open ones.";

    /// <summary>The message of every 409.</summary>
    public const string ClosedTaskMessage = "The task can no longer be answered (answered otherwise, timed out, or its request ended): a task token works once, and only in time.";

    public const string UnavailableMessage = "The answer could not be recorded now; send it again (answers are idempotent by task id).";

    /// <summary>The answer was taken (or, with <paramref name="duplicate"/>, had been taken before).</summary>
    public static TaskAnswerResponse Taken(TaskAnswer answer, bool duplicate)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(200, new JsonObject
        {
            ["delivered"] = true,
            ["answer"] = answer.Answered,
            ["taskId"] = answer.TaskId,
            ["duplicate"] = duplicate,
        });
    }

    /// <summary>The response to a typed failure; null for a kind the contract does not answer (the host's own 500).</summary>
    public static TaskAnswerResponse? Of(ErasureException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Kind switch
        {
            ErasureErrorKind.InvalidInput => Error(400, "bad_input", failure.Message),
            ErasureErrorKind.NotFound => Error(404, "not_found", UnknownTaskMessage),
            ErasureErrorKind.Conflict => Error(409, "conflict", ClosedTaskMessage),
            ErasureErrorKind.Transient => Error(503, "unavailable", UnavailableMessage),
            _ => null,
        };
    }

    public static TaskAnswerResponse Error(int status, string code, string message) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
}
