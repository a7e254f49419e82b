using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Contracts;

/// <summary>
/// Answers idempotent by task id where the engine forgets: Step Functions answers a used token as it answers an
/// expired one (TaskTimedOut), so the deployed host keeps each task's answer digest beside the task tokens (TaskTokens
/// table, key <c>(task-answer:&lt;taskId&gt;, answer)</c>, expiring after <see cref="Kept"/>). The same answer again is a
/// duplicate; a different one is a conflict. The last heartbeat taken is kept too (key
/// <c>(task-heartbeat:&lt;taskId&gt;, heartbeat)</c>), so the deployed inbox stops listing a task whose heartbeat interval ran
/// out, as Step Functions times it out.
/// </summary>
public sealed class RecordedTaskAnswers(ITaskCallbacks callbacks, ITaskTokenStore store, TimeProvider time)
{
    public const string Purpose = TaskAnswerKeys.Purpose;

    /// <summary>How long an answer is remembered: longer than any task's timeout.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(400);

    /// <summary>Applies <paramref name="answer"/>; true when the same answer had been taken already.</summary>
    /// <exception cref="ConflictException">The task was answered otherwise, or can no longer be answered.</exception>
    public async Task<bool> ApplyAsync(TaskAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Digest is not { } digest)
        {
            await answer.ApplyAsync(callbacks, cancellationToken);
            var beat = time.GetUtcNow();
            await store.PutAsync(new TaskTokenRecord(TaskAnswerKeys.HeartbeatKeyOf(answer.TaskId), TaskAnswerKeys.HeartbeatPurpose, "heartbeat", ExecutionId: string.Empty, beat, beat + Kept), cancellationToken);
            return false;
        }

        var key = KeyOf(answer.TaskId);
        if (await store.GetAsync(key, Purpose, cancellationToken) is { } recorded)
        {
            return recorded.TaskToken == digest ? true : throw new ConflictException(TaskAnswerResponse.ClosedTaskMessage);
        }

        try
        {
            await answer.ApplyAsync(callbacks, cancellationToken);
        }
        catch (ConflictException)
        {
            // The same answer raced in through another call and won: this one is its duplicate.
            if ((await store.GetAsync(key, Purpose, cancellationToken))?.TaskToken == digest)
            {
                return true;
            }

            throw;
        }

        var now = time.GetUtcNow();
        await store.PutAsync(new TaskTokenRecord(key, Purpose, digest, ExecutionId: string.Empty, now, now + Kept), cancellationToken);
        return false;
    }

    /// <summary>The key the answer to the task <paramref name="taskId"/> is kept under.</summary>
    public static string KeyOf(string taskId) => TaskAnswerKeys.KeyOf(taskId);
}
