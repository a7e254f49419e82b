namespace Gdpr.Workflows.Connector;

/// <summary>Pull: long-polls <c>GET /tasks?wait=20</c> and runs each task; works through firewalls that allow only outgoing calls.</summary>
public sealed class PullReceiver(ErasureApiClient api, ErasureTaskRunner runner, ConnectorOptions options)
{
    /// <summary>Polls until <paramref name="cancellationToken"/> is cancelled; an unreachable API is retried with backoff.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = options.RetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var tasks = await api.GetTasksAsync(options.PollWait, cancellationToken);
                await Task.WhenAll(tasks.Select(t => runner.RunAsync(t, "pull", cancellationToken)));
                backoff = options.RetryDelay;
            }
            catch (Exception e) when (e is HttpRequestException or TransientApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(backoff, options.Time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }

    /// <summary>One poll: the tasks waiting now (or arriving within <paramref name="wait"/>), each run to its answer.</summary>
    public async Task<IReadOnlyList<TaskRun>> PollOnceAsync(TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var tasks = await api.GetTasksAsync(wait, cancellationToken);
        return await Task.WhenAll(tasks.Select(t => runner.RunAsync(t, "pull", cancellationToken)));
    }
}
