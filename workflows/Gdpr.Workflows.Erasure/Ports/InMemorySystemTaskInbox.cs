using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// <see cref="ISystemTaskInbox"/> in memory, for tests and one-process hosts: tasks leave the list when their timeout
/// passes, when a newer task goes to the same system for the same request, or when their request says they are over
/// (<see cref="SystemTaskStanding"/>). A long poll looks again every 100 ms.
/// </summary>
public sealed class InMemorySystemTaskInbox(IRequestStore requests, TimeProvider time) : ISystemTaskInbox
{
    private readonly Lock gate = new();
    private readonly List<SystemTask> tasks = [];

    public Task RecordAsync(ErasureTaskMessage message, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (gate)
        {
            if (!tasks.Any(t => t.TaskId == message.TaskId))
            {
                tasks.Add(new SystemTask(message, receivedAt, SystemTask.Open));
            }
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<SystemTask>> OpenAsync(string system, CancellationToken cancellationToken = default)
    {
        var open = new List<SystemTask>();
        foreach (var task in Snapshot(system))
        {
            if ((await StandingAsync(task, cancellationToken)).IsOpen)
            {
                open.Add(task);
            }
        }

        return open;
    }

    public async Task<IReadOnlyList<SystemTask>> WaitForOpenAsync(string system, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var until = time.GetUtcNow() + wait;
        while (true)
        {
            var open = await OpenAsync(system, cancellationToken);
            var left = until - time.GetUtcNow();
            if (open.Count > 0 || left <= TimeSpan.Zero)
            {
                return open;
            }

            await Task.Delay(left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }

    public async Task<SystemTask?> FindAsync(string system, string taskId, CancellationToken cancellationToken = default) =>
        Snapshot(system).FirstOrDefault(t => t.TaskId == taskId) is { } task ? await StandingAsync(task, cancellationToken) : null;

    private async Task<SystemTask> StandingAsync(SystemTask task, CancellationToken cancellationToken)
    {
        var state = time.GetUtcNow() >= task.DueAt ? "timed_out"
            : Snapshot(task.System).Any(t => t.Message.RequestId == task.Message.RequestId && t.ReceivedAt > task.ReceivedAt) ? "superseded"
            : SystemTaskStanding.Why(await requests.GetAsync(task.Message.RequestId, cancellationToken), task.System, task.ReceivedAt) ?? SystemTask.Open;
        return task with { State = state };
    }

    private List<SystemTask> Snapshot(string system)
    {
        lock (gate)
        {
            return [.. tasks.Where(t => t.System == system).OrderBy(t => t.ReceivedAt)];
        }
    }
}
