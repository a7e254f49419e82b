namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>Keeps task tokens in memory only: for tests and the local engine; nothing survives the process.</summary>
public sealed class InMemoryTaskTokenStore : ITaskTokenStore
{
    private readonly Dictionary<(string RequestId, string Purpose), TaskTokenRecord> _tokens = [];
    private readonly Lock _gate = new();

    public Task PutAsync(TaskTokenRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        RequestIdGuard.Check(record.RequestId, nameof(record));
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Purpose, nameof(record));
        ArgumentException.ThrowIfNullOrWhiteSpace(record.TaskToken, nameof(record));
        lock (_gate)
        {
            _tokens[(record.RequestId, record.Purpose)] = record;
        }

        return Task.CompletedTask;
    }

    public Task<TaskTokenRecord?> GetAsync(string requestId, string purpose, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        lock (_gate)
        {
            return Task.FromResult(_tokens.GetValueOrDefault((requestId, purpose)));
        }
    }

    public Task<TaskTokenRecord?> TakeAsync(string requestId, string purpose, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        lock (_gate)
        {
            return Task.FromResult(_tokens.Remove((requestId, purpose), out var record) ? record : null);
        }
    }

    public Task<bool> DeleteIfMatchesAsync(string requestId, string purpose, string taskToken, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        lock (_gate)
        {
            if (_tokens.TryGetValue((requestId, purpose), out var record) && string.Equals(record.TaskToken, taskToken, StringComparison.Ordinal))
            {
                return Task.FromResult(_tokens.Remove((requestId, purpose)));
            }

            return Task.FromResult(false);
        }
    }
}
