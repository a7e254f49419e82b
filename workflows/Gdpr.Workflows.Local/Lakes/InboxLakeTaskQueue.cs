using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Lake.Erasing;

namespace Gdpr.Workflows.Local.Lakes;

/// <summary>
/// A data-lake system's task queue on the local host: the task inbox (tasks.db) already keeps every task the workflow
/// sent, durably and with its state, so the queue is the system's open tasks there, oldest first. Answering a task
/// closes it in the inbox (<see cref="InboxRecordingTasks"/>); a task the workflow no longer waits for is closed here.
/// </summary>
public sealed class InboxLakeTaskQueue(TaskInbox inbox, string system, TimeProvider time) : ILakeTaskQueue
{
    /// <summary>Tasks reach the inbox from the tasks topic; one sent here is kept the same way.</summary>
    public Task EnqueueAsync(ErasureTaskMessage task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.System != system)
        {
            throw new ArgumentException($"The task is for {task.System}, not {system}.", nameof(task));
        }

        inbox.Add(new InboxTask(task.TaskToken, task.RequestId, task.System, task.HeartbeatSeconds, task.TimeoutSeconds, time.GetUtcNow())
        {
            ExpectedBy = task.ExpectedBy,
            RespondBy = task.RespondBy,
        });
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ErasureTaskMessage>> PendingAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ErasureTaskMessage>>(inbox.Open(system).OrderBy(t => t.ReceivedAt).Take(max).Select(t => t.Message).ToList());

    /// <summary>An answered task is closed already; one the workflow stopped waiting for (refused answer) is closed as ended.</summary>
    public Task RemoveAsync(string requestId, string taskToken, CancellationToken cancellationToken = default)
    {
        if (inbox.Find(taskToken) is { State: InboxTaskState.Open, RequestId: var id } && id == requestId)
        {
            inbox.Close(taskToken, InboxTaskState.RequestClosed);
        }

        return Task.CompletedTask;
    }
}
