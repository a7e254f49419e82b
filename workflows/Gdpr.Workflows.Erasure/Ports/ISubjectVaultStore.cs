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

    /// <summary>
    /// The request's entries must outlive <paramref name="until"/> (identifiers kept sealed for an Art. 17(3) retention):
    /// a store whose entries expire (the DynamoDB table's TTL safety net) moves their expiry to no earlier than
    /// <paramref name="until"/> plus its safety net, never earlier than it was. A store whose entries never expire keeps
    /// them until they are deleted, so it has nothing to do. Nothing stored, or a key already destroyed, is no error.
    /// </summary>
    Task KeepSealedUntilAsync(string requestId, DateTimeOffset until, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
