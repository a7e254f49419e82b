using Gdpr.Workflows.Erasure.Contracts;

namespace Gdpr.Workflows.Lake.Erasing;

/// <summary>
/// Where a data-lake system's erasure tasks wait for the next batch (on AWS: an SQS queue the task topic feeds). A task
/// sent again for the same request (a retry, a new token) replaces the waiting one.
/// </summary>
public interface ILakeTaskQueue
{
    Task EnqueueAsync(ErasureTaskMessage task, CancellationToken cancellationToken = default);

    /// <summary>At most <paramref name="max"/> waiting tasks, oldest first; they stay queued until removed.</summary>
    Task<IReadOnlyList<ErasureTaskMessage>> PendingAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Removes the task only if it still holds <paramref name="taskToken"/> (a newer one sent meanwhile stays).</summary>
    Task RemoveAsync(string requestId, string taskToken, CancellationToken cancellationToken = default);
}

/// <summary>The queue in memory (tests, the demo).</summary>
public sealed class InMemoryLakeTaskQueue : ILakeTaskQueue
{
    private readonly Lock _gate = new();
    private readonly List<ErasureTaskMessage> _tasks = [];

    public Task EnqueueAsync(ErasureTaskMessage task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        lock (_gate)
        {
            _tasks.RemoveAll(t => t.RequestId == task.RequestId);
            _tasks.Add(task);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ErasureTaskMessage>> PendingAsync(int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ErasureTaskMessage>>(_tasks.Take(max).ToList());
        }
    }

    public Task RemoveAsync(string requestId, string taskToken, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _tasks.RemoveAll(t => t.RequestId == requestId && t.TaskToken == taskToken);
        }

        return Task.CompletedTask;
    }
}
