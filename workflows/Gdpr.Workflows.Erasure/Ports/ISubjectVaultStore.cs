using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// Where the subject vault keeps, per request id, the sealed record and its wrapped data key.
/// </summary>
/// <remarks>
/// Record and key are separate so the key can be destroyed alone (crypto-shredding) while the record
/// stays as evidence that the request was shredded. An implementation may keep keys in a separate
/// table; for shredding to be real, that table's backups must expire within the erasure deadline.
/// </remarks>
public interface ISubjectVaultStore
{
    /// <summary>Stores record and key together, only if nothing is stored under the id yet; false otherwise.</summary>
    Task<bool> TryPutAsync(string requestId, SealedSubjectRecord record, WrappedDataKey key, CancellationToken cancellationToken = default);

    Task<SealedSubjectRecord?> GetRecordAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>The wrapped key; null when never stored or destroyed.</summary>
    Task<WrappedDataKey?> GetKeyAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Destroys the wrapped key, keeping the record. True when a key was destroyed by this call.</summary>
    Task<bool> DeleteKeyAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>Removes the record and any key (housekeeping after retention). True when something was removed.</summary>
    Task<bool> DeleteRecordAsync(string requestId, CancellationToken cancellationToken = default);
}
