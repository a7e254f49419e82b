using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>Keeps signed checkpoints in memory only: for tests and the in-memory stores; nothing survives the process.</summary>
public sealed class InMemoryAuditCheckpointStore : IAuditCheckpointStore
{
    private readonly List<SignedAuditCheckpoint> _checkpoints = [];

    public Task WriteAsync(SignedAuditCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_checkpoints)
        {
            _checkpoints.Add(checkpoint);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SignedAuditCheckpoint>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_checkpoints)
        {
            return Task.FromResult<IReadOnlyList<SignedAuditCheckpoint>>([.. _checkpoints]);
        }
    }

    /// <summary>Replaces a stored checkpoint's bytes as someone with write access could (tamper tests).</summary>
    public void Overwrite(SignedAuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_checkpoints)
        {
            var index = _checkpoints.FindIndex(c => c.Name == checkpoint.Name);
            _checkpoints[index >= 0 ? index : throw new ArgumentException($"No checkpoint named {checkpoint.Name}.", nameof(checkpoint))] = checkpoint;
        }
    }
}
