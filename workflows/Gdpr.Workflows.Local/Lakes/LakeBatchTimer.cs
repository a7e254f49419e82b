namespace Gdpr.Workflows.Local.Lakes;

/// <summary>
/// Runs the data-lake systems' batches every <see cref="LocalLakes.BatchEvery"/> under a long-running host; a batch
/// still running makes the next period skip, not queue behind it (a big lake takes longer than the period).
/// </summary>
internal sealed class LakeBatchTimer(LocalLakes lakes, Action<string?, string>? log) : IDisposable
{
    private ITimer? timer;
    private int running;

    public void Start(TimeProvider time) => timer = time.CreateTimer(_ => _ = RunBatchesQuietlyAsync(), null, LocalLakes.BatchEvery, LocalLakes.BatchEvery);

    public void Dispose() => timer?.Dispose();

    private async Task RunBatchesQuietlyAsync()
    {
        if (!lakes.HasPendingTasks || Interlocked.Exchange(ref running, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var (system, result) in await lakes.RunBatchesAsync())
            {
                log?.Invoke(result.RequestId, $"{system}: {result.State}{(result.Outcome is null ? string.Empty : " " + result.Outcome)}{(result.Reference is null ? string.Empty : " (" + result.Reference + ")")}{(result.Cause is null ? string.Empty : ": " + result.Cause)}");
            }
        }
#pragma warning disable CA1031 // A failed batch leaves its tasks queued (or failed as transient) and is tried again at the next one; it must not stop the host.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            log?.Invoke(null, $"a data-lake batch failed ({failure.GetType().Name}: {failure.Message}); trying again in {LocalLakes.BatchEvery.TotalSeconds:0} s");
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }
}
