using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>Keeps the vault in memory only: for tests and the local engine; nothing survives the process.</summary>
public sealed class InMemorySubjectVaultStore : ISubjectVaultStore
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<bool> TryPutAsync(string requestId, SealedSubjectRecord record, WrappedDataKey key, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return Task.FromResult(_entries.TryAdd(requestId, new Entry(record, key)));
        }
    }

    public Task<SealedSubjectRecord?> GetRecordAsync(string requestId, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        lock (_gate)
        {
            return Task.FromResult(_entries.TryGetValue(requestId, out var entry) ? entry.Record : null);
        }
    }

    public Task<WrappedDataKey?> GetKeyAsync(string requestId, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        lock (_gate)
        {
            return Task.FromResult(_entries.TryGetValue(requestId, out var entry) ? entry.Key : null);
        }
    }

    public Task<bool> DeleteKeyAsync(string requestId, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        lock (_gate)
        {
            if (!_entries.TryGetValue(requestId, out var entry) || entry.Key is null)
            {
                return Task.FromResult(false);
            }

            _entries[requestId] = entry with { Key = null };
            return Task.FromResult(true);
        }
    }

    public Task<bool> DeleteRecordAsync(string requestId, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        lock (_gate)
        {
            return Task.FromResult(_entries.Remove(requestId));
        }
    }

    /// <summary>Entries here never expire; what a store with expiry was asked to keep is remembered, for tests.</summary>
    public Task KeepSealedUntilAsync(string requestId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        lock (_gate)
        {
            if (_entries.TryGetValue(requestId, out var entry) && (entry.KeptUntil is null || entry.KeptUntil < until))
            {
                _entries[requestId] = entry with { KeptUntil = until };
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The latest <see cref="KeepSealedUntilAsync"/> for the request; null when never asked or nothing stored.</summary>
    public DateTimeOffset? KeptSealedUntil(string requestId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(requestId, out var entry) ? entry.KeptUntil : null;
        }
    }

    private sealed record Entry(SealedSubjectRecord Record, WrappedDataKey? Key, DateTimeOffset? KeptUntil = null);
}
