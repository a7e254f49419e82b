using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The inbox as systems and officers see it: only tasks that can still be answered. Besides what the inbox knows
/// itself (answers, timeouts, newer tasks), a task leaves when its request says it is over: the request was
/// cancelled or ended, or the system's outcome was recorded after the task was sent (answered through another path).
/// </summary>
public sealed class AnswerableTasks(TaskInbox inbox, IRequestStore requests)
{
    /// <summary>The tasks that can still be answered, oldest first; the rest are closed with their reason on the way.</summary>
    public async Task<IReadOnlyList<InboxTask>> OpenAsync(string? system = null, string? requestId = null, CancellationToken cancellationToken = default)
    {
        var open = inbox.Open(system, requestId);
        var requestsById = new Dictionary<string, ErasureRequest?>(StringComparer.Ordinal);
        var result = new List<InboxTask>(open.Count);
        foreach (var task in open)
        {
            if (!requestsById.TryGetValue(task.RequestId, out var request))
            {
                request = await requests.GetAsync(task.RequestId, cancellationToken);
                requestsById[task.RequestId] = request;
            }

            if (Why(request, task) is { } reason)
            {
                inbox.Close(task.TaskToken, reason);
            }
            else
            {
                result.Add(task);
            }
        }

        return result;
    }

    /// <summary>
    /// A long poll (<c>GET /tasks?wait=20</c>): the tasks that can be answered now, or, when there are none, the first
    /// ones to arrive within <paramref name="wait"/>; an empty list when none came.
    /// </summary>
    public async Task<IReadOnlyList<InboxTask>> WaitForOpenAsync(string? system, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnAdded(InboxTask task)
        {
            if (system is null || task.System == system)
            {
                Volatile.Read(ref signal).TrySetResult();
            }
        }

        inbox.Added += OnAdded;
        try
        {
            var until = time.GetUtcNow() + wait;
            while (true)
            {
                Volatile.Write(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                var open = await OpenAsync(system, cancellationToken: cancellationToken);
                var left = until - time.GetUtcNow();
                if (open.Count > 0 || left <= TimeSpan.Zero)
                {
                    return open;
                }

                // Woken by a new task, or every second anyway (a task kept by another process raises nothing here).
                await Task.WhenAny(signal.Task, Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), time, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            inbox.Added -= OnAdded;
        }
    }

    /// <summary>Every task with its state (open ones first checked as <see cref="OpenAsync"/> does), oldest first.</summary>
    public async Task<IReadOnlyList<InboxTask>> AllAsync(string? system = null, string? requestId = null, CancellationToken cancellationToken = default)
    {
        _ = await OpenAsync(system, requestId, cancellationToken);
        return inbox.List(system, requestId, includeClosed: true);
    }

    /// <summary>Why the request says the task is over; null while it may still be answered.</summary>
    public static InboxTaskState? Why(ErasureRequest? request, InboxTask task) =>
        SystemTaskStanding.Why(request, task.System, task.ReceivedAt) is { } why ? InboxTaskStates.Parse(why) : null;
}
