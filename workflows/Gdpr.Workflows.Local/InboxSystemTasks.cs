using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The systems' pull on the local host: the task inbox (<c>tasks.db</c>) as <see cref="ISystemTaskInbox"/>, so the
/// Tasks function answers <c>GET /tasks</c> and <c>GET /tasks/{taskId}/subject</c> locally exactly as it does deployed.
/// The inbox is filled by the host's own subscription to the tasks topic; a long poll wakes when a task arrives.
/// </summary>
public sealed class InboxSystemTasks(TaskInbox inbox, AnswerableTasks tasks, TimeProvider time) : ISystemTaskInbox
{
    public Task RecordAsync(ErasureTaskMessage message, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        inbox.Add(new InboxTask(message.TaskToken, message.RequestId, message.System, message.HeartbeatSeconds, message.TimeoutSeconds, receivedAt)
        {
            ExpectedBy = message.ExpectedBy,
            RespondBy = message.RespondBy,
        });
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<SystemTask>> OpenAsync(string system, CancellationToken cancellationToken = default) =>
        [.. (await tasks.OpenAsync(system, cancellationToken: cancellationToken)).Select(View)];

    public async Task<IReadOnlyList<SystemTask>> WaitForOpenAsync(string system, TimeSpan wait, CancellationToken cancellationToken = default) =>
        [.. (await tasks.WaitForOpenAsync(system, wait, time, cancellationToken)).Select(View)];

    public Task<SystemTask?> FindAsync(string system, string taskId, CancellationToken cancellationToken = default)
    {
        var task = inbox.FindById(taskId);
        if (task is null || task.System != system)
        {
            return Task.FromResult<SystemTask?>(null);
        }

        // The heartbeat interval is a timeout too: the inbox knows it (the deployed table does not).
        var state = task.State == InboxTaskState.Open && task.HasTimedOutAt(time.GetUtcNow()) ? InboxTaskState.TimedOut : task.State;
        return Task.FromResult<SystemTask?>(View(task) with { State = state.WireName() });
    }

    private static SystemTask View(InboxTask task) => new(task.Message, task.ReceivedAt, task.State.WireName());
}
