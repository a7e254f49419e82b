using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>A task sent to an async system, as its inbox keeps it (what a pull lists).</summary>
/// <param name="Message">The task as the system received it (erasure-task contract v1).</param>
/// <param name="ReceivedAt">When the inbox kept it: its timeout counts from then.</param>
/// <param name="State">"open" while it can be answered; else why it left (answered, timed_out, cancelled, superseded, request_closed).</param>
public sealed record SystemTask(ErasureTaskMessage Message, DateTimeOffset ReceivedAt, string State)
{
    public const string Open = "open";

    public string TaskId => Message.TaskId;

    public string System => Message.System;

    /// <summary>When the task times out if nobody answers.</summary>
    public DateTimeOffset DueAt => ReceivedAt.AddSeconds(Message.TimeoutSeconds);

    /// <summary>True when, at <paramref name="now"/>, its timeout or its heartbeat interval (since <paramref name="lastHeartbeatAt"/>, else receipt) has passed.</summary>
    public bool HasTimedOutAt(DateTimeOffset now, DateTimeOffset? lastHeartbeatAt) =>
        SystemTaskStanding.HasTimedOut(ReceivedAt, Message.TimeoutSeconds, Message.HeartbeatSeconds, lastHeartbeatAt, now);

    public bool IsOpen => State == Open;
}

/// <summary>
/// The tasks sent to async systems, per system: what <c>GET /tasks</c> lists and what <c>GET /tasks/{taskId}/subject</c>
/// checks. Locally the host's task inbox; deployed, items of the TaskTokens table written when the tasks topic delivers
/// a task (key <c>(system-tasks:&lt;system&gt;, &lt;taskId&gt;)</c>).
/// </summary>
public interface ISystemTaskInbox
{
    /// <summary>Keeps a task the tasks topic delivered; a task delivered again (same token) is kept once.</summary>
    Task RecordAsync(ErasureTaskMessage message, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>The tasks of <paramref name="system"/> that can still be answered, oldest first.</summary>
    Task<IReadOnlyList<SystemTask>> OpenAsync(string system, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tasks of <paramref name="system"/> that can be answered now or, when there are none, the first to arrive
    /// within <paramref name="wait"/>; empty when none came.
    /// </summary>
    Task<IReadOnlyList<SystemTask>> WaitForOpenAsync(string system, TimeSpan wait, CancellationToken cancellationToken = default);

    /// <summary>The task <paramref name="taskId"/> of <paramref name="system"/>, in whatever state; null when it has none.</summary>
    Task<SystemTask?> FindAsync(string system, string taskId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Where a task's answer digest and its last heartbeat are kept beside the task tokens (RecordedTaskAnswers), so an
/// inbox can tell it was answered, or that its heartbeat interval ran out.
/// </summary>
public static class TaskAnswerKeys
{
    public const string Purpose = "answer";

    public const string HeartbeatPurpose = "heartbeat";

    /// <summary>The key the answer to the task <paramref name="taskId"/> is kept under.</summary>
    public static string KeyOf(string taskId) => "task-answer:" + taskId;

    /// <summary>The key the task's last heartbeat is kept under (its time is the record's StoredAt).</summary>
    public static string HeartbeatKeyOf(string taskId) => "task-heartbeat:" + taskId;
}
