namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>When a closed execution that did not reach its own shred step has ended: null while it runs (a redrive).</summary>
public interface IExecutionEnds
{
    /// <summary>When the execution last stopped; null while it runs again; <see cref="DateTimeOffset.MinValue"/> when it is unknown.</summary>
    Task<DateTimeOffset?> StoppedAtAsync(string executionId, CancellationToken cancellationToken = default);
}
