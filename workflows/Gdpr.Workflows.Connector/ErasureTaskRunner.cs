using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Connector;

/// <summary>What became of one delivery of a task.</summary>
/// <param name="Status">delivered, duplicate (the same task was being or had been handled), closed, unknown, not_mine.</param>
public sealed record TaskRun(string TaskId, string Status, string? Outcome);

/// <summary>
/// Runs the handler for each task delivered, whichever way it came: once per task id (deliveries are at least once),
/// with heartbeats while it runs, and answers with retries. A handler that throws answers <c>Erasure.TransientError</c>
/// (the workflow asks again later); a task closed meanwhile (timed out, cancelled) stops the heartbeats and is not answered.
/// </summary>
public sealed class ErasureTaskRunner(ErasureApiClient api, IErasureHandler handler, ConnectorOptions options)
{
    private const int RememberedTasks = 10_000;
    private readonly ConcurrentDictionary<string, Task<TaskRun>> runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    /// <summary>Handles <paramref name="task"/>, or joins the run already under way for the same task id.</summary>
    public async Task<TaskRun> RunAsync(ErasureTask task, string receivedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.System != options.System)
        {
            return new TaskRun(task.TaskId, "not_mine", null);
        }

        var mine = new TaskCompletionSource<TaskRun>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = runs.GetOrAdd(task.TaskId, mine.Task);
        if (run != mine.Task)
        {
            var earlier = await run;
            return earlier with { Status = "duplicate" };
        }

        Remember(task.TaskId);
        try
        {
            var result = await HandleAsync(task, receivedBy, cancellationToken);
            mine.SetResult(result);
            return result;
        }
        catch (Exception e)
        {
            // Not handled (e.g. the API could not be reached even after retries): the next delivery tries again.
            runs.TryRemove(task.TaskId, out _);
            mine.SetException(e);
            throw;
        }
    }

    private async Task<TaskRun> HandleAsync(ErasureTask task, string receivedBy, CancellationToken cancellationToken)
    {
        ErasureSubject subject;
        try
        {
            subject = await api.GetSubjectAsync(task, cancellationToken);
        }
        catch (ApiException e) when (e.Status is System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.NotFound)
        {
            return new TaskRun(task.TaskId, e.Status == System.Net.HttpStatusCode.Conflict ? "closed" : "unknown", null);
        }

        using var working = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeats = task.HeartbeatSeconds > 0 ? HeartbeatAsync(task, working) : Task.CompletedTask;
        ErasureResult result;
        try
        {
            result = await handler.EraseAsync(subject, new ErasureContext(task, receivedBy), working.Token);
        }
        catch (OperationCanceledException) when (working.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The heartbeat found the task closed: nobody waits for an answer any more.
            return new TaskRun(task.TaskId, "closed", null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            result = ErasureResult.Failed("Erasure.TransientError", "handler-error");
        }
        finally
        {
            await working.CancelAsync();
            await heartbeats;
        }

        var status = await api.AnswerAsync(result.ToJson(task.TaskToken), cancellationToken);
        return new TaskRun(task.TaskId, status switch { AnswerStatus.Delivered => "delivered", AnswerStatus.Closed => "closed", _ => "unknown" }, result.Outcome);
    }

    /// <summary>A heartbeat every third of the interval, so one lost beat never lets the task time out.</summary>
    private async Task HeartbeatAsync(ErasureTask task, CancellationTokenSource working)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, task.HeartbeatSeconds) / 3.0);
        var beat = new JsonObject { ["taskToken"] = task.TaskToken, ["heartbeat"] = true };
        try
        {
            while (true)
            {
                await Task.Delay(every, options.Time, working.Token);
                if (await api.AnswerAsync((JsonObject)beat.DeepClone(), working.Token) != AnswerStatus.Delivered)
                {
                    await working.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The handler finished (or the task closed).
        }
    }

    private void Remember(string taskId)
    {
        order.Enqueue(taskId);
        while (order.Count > RememberedTasks && order.TryDequeue(out var oldest))
        {
            runs.TryRemove(oldest, out _);
        }
    }
}
