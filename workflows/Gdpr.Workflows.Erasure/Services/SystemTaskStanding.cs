using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// Whether a task sent to a system may still be answered, as its request tells: a withdrawn or ended request closes its
/// tasks, and so does the system's outcome recorded after the task was sent (answered through another path); and a
/// task whose timeout, or whose heartbeat interval since the last heartbeat (else since it was sent), has passed is
/// timed out, as Step Functions times it out (States.Timeout, States.HeartbeatTimeout). Every inbox (local, deployed,
/// in memory) applies these rules.
/// </summary>
public static class SystemTaskStanding
{
    /// <summary>Why the task is over ("cancelled", "request_closed", "answered"); null while it may be answered.</summary>
    public static string? Why(ErasureRequest? request, string system, DateTimeOffset sentAt)
    {
        if (request is null)
        {
            return null;
        }

        if (request.Status == RequestStatus.Cancelled)
        {
            return "cancelled";
        }

        if (request.Status.IsFinal())
        {
            return "request_closed";
        }

        var state = request.Systems.FirstOrDefault(s => s.System == system);
        var decided = state is not null
            && (state.IsSettled || state.Status is SystemErasureStatus.Failed or SystemErasureStatus.Skipped)
            && state.UpdatedAt >= sentAt;
        return decided ? "answered" : null;
    }

    /// <summary>
    /// Where <paramref name="task"/> stands at <paramref name="now"/>: "timed_out" (its timeout, or its heartbeat interval
    /// since the last heartbeat kept beside the task tokens), "answered" (an answer is kept there), "superseded" (a newer
    /// task in <paramref name="all"/> went to the same system for the same request), else what its request says
    /// (<see cref="Why"/>), else "open". Without <paramref name="tokens"/> nothing kept beside the tokens is known.
    /// </summary>
    public static async Task<string> StateAsync(SystemTask task, IReadOnlyList<SystemTask> all, IRequestStore requests, ITaskTokenStore? tokens, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(requests);
        var beat = tokens is null ? null : await tokens.GetAsync(TaskAnswerKeys.HeartbeatKeyOf(task.TaskId), TaskAnswerKeys.HeartbeatPurpose, cancellationToken);
        if (task.HasTimedOutAt(now, beat?.StoredAt))
        {
            return "timed_out";
        }

        if (tokens is not null && await tokens.GetAsync(TaskAnswerKeys.KeyOf(task.TaskId), TaskAnswerKeys.Purpose, cancellationToken) is not null)
        {
            return "answered";
        }

        if (all.Any(t => t.System == task.System && t.Message.RequestId == task.Message.RequestId && t.ReceivedAt > task.ReceivedAt))
        {
            return "superseded";
        }

        return Why(await requests.GetAsync(task.Message.RequestId, cancellationToken), task.System, task.ReceivedAt) ?? SystemTask.Open;
    }

    /// <summary>
    /// True when, at <paramref name="now"/>, the task's timeout has passed, or its heartbeat interval has since the last
    /// heartbeat (<paramref name="lastHeartbeatAt"/>), else since it was received; <paramref name="heartbeatSeconds"/> 0 means none.
    /// </summary>
    public static bool HasTimedOut(DateTimeOffset receivedAt, int timeoutSeconds, int heartbeatSeconds, DateTimeOffset? lastHeartbeatAt, DateTimeOffset now) =>
        now >= receivedAt.AddSeconds(timeoutSeconds) || (heartbeatSeconds > 0 && now >= (lastHeartbeatAt ?? receivedAt).AddSeconds(heartbeatSeconds));

    /// <summary>
    /// A long poll over an inbox that cannot be woken (a table, a list): <paramref name="open"/> now and then every
    /// <paramref name="every"/> until something is open or <paramref name="wait"/> has passed; empty when nothing came.
    /// </summary>
    public static async Task<IReadOnlyList<SystemTask>> WaitForOpenAsync(Func<CancellationToken, Task<IReadOnlyList<SystemTask>>> open, TimeSpan wait, TimeSpan every, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(time);
        var until = time.GetUtcNow() + wait;
        while (true)
        {
            var tasks = await open(cancellationToken);
            var left = until - time.GetUtcNow();
            if (tasks.Count > 0 || left <= TimeSpan.Zero)
            {
                return tasks;
            }

            await Task.Delay(left < every ? left : every, time, cancellationToken);
        }
    }
}
