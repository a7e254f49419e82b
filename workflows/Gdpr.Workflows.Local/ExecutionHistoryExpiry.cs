using Gdpr.Workflows.Engine;

namespace Gdpr.Workflows.Local;

/// <summary>
/// Keeps <c>engine.db</c> from growing without end: deletes the engine's executions that ended longer ago than
/// <see cref="LocalHostOptions.ExecutionHistory"/> (history, checkpoints, tokens), so it holds running and recent
/// executions only; requests and audit trails, the lasting record, stay. Once at start, and every
/// <see cref="Every"/> under a long-running host (<c>gdpr serve</c>).
/// </summary>
internal sealed class ExecutionHistoryExpiry(LocalStepFunctions engine, TimeSpan keep, Action<string?, string>? log) : IDisposable
{
    /// <summary>How often a long-running host deletes expired execution histories.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromHours(6);

    private ITimer? timer;

    /// <summary>Deletes the expired executions now; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var deleted = await engine.DeleteEndedExecutionsAsync(keep, cancellationToken);
        if (deleted > 0)
        {
            log?.Invoke(null, $"deleted the engine history of {deleted} execution(s) ended more than {keep.TotalDays:0.#} days ago (the audit trail keeps the record)");
        }

        return deleted;
    }

    /// <summary>Deletes them every <see cref="Every"/> from now until disposed.</summary>
    public void Start(TimeProvider time) => timer = time.CreateTimer(_ => _ = DeleteExpiredQuietlyAsync(), null, Every, Every);

    public void Dispose() => timer?.Dispose();

    private async Task DeleteExpiredQuietlyAsync()
    {
        try
        {
            await DeleteExpiredAsync();
        }
#pragma warning disable CA1031 // A failed expiry pass is logged and tried again at the next one; it must not stop the host.
        catch (Exception failure)
#pragma warning restore CA1031
        {
            log?.Invoke(null, $"deleting expired execution histories failed ({failure.GetType().Name}: {failure.Message}); trying again in {Every.TotalHours:0} hours");
        }
    }
}
