using System.Text.Json.Nodes;
using Gdpr.Workflows.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The local host's side of the systems' API, route logic only (the HTTP server maps it): one answer or a batch
/// (<c>POST /tasks/callback</c>, <c>POST /tasks/answers</c>, responses as <see cref="TaskAnswerResponse"/>). (A task's
/// subject is the Tasks function's, on <see cref="InboxSystemTasks"/>.) A system answers only its own tasks: another
/// system's is not found for it, so nobody learns whether it exists. Answers are idempotent by task id: the same
/// answer again, after the first was taken, is 200 with <c>duplicate: true</c> and changes nothing; a different
/// answer to a task already closed, or any answer after its timeout, is a conflict (409).
/// </summary>
public sealed class LocalTaskAnswers(TaskInbox inbox, ITaskCallbacks callbacks, TimeProvider time)
{
    /// <summary>One answer (answer.schema.json) from <paramref name="system"/>.</summary>
    public Task<TaskAnswerResponse> AnswerAsync(string system, JsonNode? body, CancellationToken cancellationToken = default) =>
        TaskAnswering.AnswerAsync(body, (answer, ct) => ApplyAsync(system, answer, ct), cancellationToken);

    /// <summary>Many answers (batch.schema.json) from <paramref name="system"/>, each with its own result.</summary>
    public Task<TaskAnswerResponse> AnswerBatchAsync(string system, JsonNode? body, CancellationToken cancellationToken = default) =>
        TaskAnswering.AnswerBatchAsync(body, (answer, ct) => ApplyAsync(system, answer, ct), cancellationToken);

    /// <summary>Applies <paramref name="answer"/>; true when the same answer had been taken already.</summary>
    private async Task<bool> ApplyAsync(string system, TaskAnswer answer, CancellationToken cancellationToken)
    {
        var task = inbox.Find(answer.TaskToken);
        if (task is null || task.System != system)
        {
            throw new NotFoundException(TaskAnswerResponse.UnknownTaskMessage);
        }

        if (IsRepeat(task, answer))
        {
            return true;
        }

        // The inbox knows what the engine may not yet: a task past its timeout or heartbeat interval is closed.
        if (task.State != InboxTaskState.Open || task.HasTimedOutAt(time.GetUtcNow()))
        {
            throw new ConflictException(TaskAnswerResponse.ClosedTaskMessage);
        }

        try
        {
            await answer.ApplyAsync(callbacks, cancellationToken);
            return false;
        }
        catch (ConflictException) when (inbox.Find(answer.TaskToken) is { } now && IsRepeat(now, answer))
        {
            // The same answer raced in through another call and won: this one is its duplicate.
            return true;
        }
    }

    private static bool IsRepeat(InboxTask task, TaskAnswer answer) =>
        task.State == InboxTaskState.Answered && task.AnswerDigest is { } digest && digest == answer.Digest;
}
