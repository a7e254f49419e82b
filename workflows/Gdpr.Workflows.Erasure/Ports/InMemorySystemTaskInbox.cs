using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// <see cref="ISystemTaskInbox"/> in memory, for tests and one-process hosts: tasks leave the list as
/// <see cref="SystemTaskStanding.StateAsync"/> says (timeout or heartbeat interval passed, answered, superseded, their
/// request over); answers and heartbeats are known from <paramref name="tokens"/> when given. A long poll looks again
/// every 100 ms.
/// </summary>
public sealed class InMemorySystemTaskInbox(IRequestStore requests, TimeProvider time, ITaskTokenStore? tokens = null) : ISystemTaskInbox
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

    public Task<IReadOnlyList<SystemTask>> WaitForOpenAsync(string system, TimeSpan wait, CancellationToken cancellationToken = default) =>
        SystemTaskStanding.WaitForOpenAsync(ct => OpenAsync(system, ct), wait, TimeSpan.FromMilliseconds(100), time, cancellationToken);

    public async Task<SystemTask?> FindAsync(string system, string taskId, CancellationToken cancellationToken = default) =>
        Snapshot(system).FirstOrDefault(t => t.TaskId == taskId) is { } task ? await StandingAsync(task, cancellationToken) : null;

    private async Task<SystemTask> StandingAsync(SystemTask task, CancellationToken cancellationToken) =>
        task with { State = await SystemTaskStanding.StateAsync(task, Snapshot(task.System), requests, tokens, time.GetUtcNow(), cancellationToken) };

    private List<SystemTask> Snapshot(string system)
    {
        lock (gate)
        {
            return [.. tasks.Where(t => t.System == system).OrderBy(t => t.ReceivedAt)];
        }
    }
}
