using System.Security.Cryptography;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Vault;

/// <summary>Where a request's raw identifiers stand in the vault.</summary>
public enum SubjectVaultState
{
    Absent,
    Sealed,
    Shredded,
}

/// <summary>What <see cref="SubjectVault.ShredAsync"/> did.</summary>
public enum ShredOutcome
{
    /// <summary>This call destroyed the data key.</summary>
    Shredded,

    /// <summary>The key was already destroyed (a retry); nothing left to do.</summary>
    AlreadyShredded,

    /// <summary>Nothing was ever sealed under the request id.</summary>
    NotFound,
}

/// <summary>
/// Keeps an erasure request's raw subject identifiers encrypted at rest, one random AES-256 data key
/// per request, wrapped by a master key. Shredding destroys the wrapped key: the ciphertext that
/// remains can never be read again (crypto-shredding), and opening it reports "shredded".
/// </summary>
public sealed class SubjectVault(ISubjectVaultStore store, IKeyWrapper keyWrapper, TimeProvider timeProvider)
{
    public const int DataKeyBytes = 32;

    /// <summary>
    /// Encrypts and stores the identifiers. Sealing the same identifiers again is a no-op (a retried
    /// step); different identifiers under a sealed id, or any under a shredded id, are refused.
    /// </summary>
    public async Task SealAsync(string requestId, SubjectIdentifiers identifiers, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        ArgumentNullException.ThrowIfNull(identifiers);

        var dataKey = RandomNumberGenerator.GetBytes(DataKeyBytes);
        var plaintext = SubjectIdentifierSerializer.Serialize(identifiers);
        bool stored;
        try
        {
            var record = SubjectRecordCipher.Encrypt(dataKey, requestId, plaintext, timeProvider.GetUtcNow());
            var wrapped = await keyWrapper.WrapAsync(dataKey, requestId, cancellationToken);
            stored = await store.TryPutAsync(requestId, record, wrapped, cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }

        if (stored)
        {
            return;
        }

        // Something is sealed already: fine only if it is exactly this (a retry of the same step).
        var existing = await OpenAsync(requestId, cancellationToken);
        if (!existing.Equals(identifiers))
        {
            throw new SubjectVaultException(SubjectVaultFailure.AlreadySealed, requestId,
                $"Request {requestId} already has different subject identifiers sealed; a sealed record is never overwritten.");
        }
    }

    /// <summary>Decrypts the identifiers; throws <see cref="SubjectVaultException"/> when absent, shredded or tampered with.</summary>
    public async Task<SubjectIdentifiers> OpenAsync(string requestId, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        var record = await store.GetRecordAsync(requestId, cancellationToken)
            ?? throw new SubjectVaultException(SubjectVaultFailure.NotFound, requestId, $"No subject identifiers are sealed for request {requestId}.");
        var wrapped = await store.GetKeyAsync(requestId, cancellationToken)
            ?? throw new SubjectVaultException(SubjectVaultFailure.Shredded, requestId,
                $"The subject identifiers of request {requestId} were shredded: their key is destroyed and they cannot be recovered.");

        byte[]? dataKey = null;
        byte[]? plaintext = null;
        try
        {
            dataKey = await keyWrapper.UnwrapAsync(wrapped, requestId, cancellationToken);
            plaintext = SubjectRecordCipher.Decrypt(dataKey, requestId, record);
            return SubjectIdentifierSerializer.Deserialize(plaintext);
        }
        catch (CryptographicException ex)
        {
            throw new SubjectVaultException(SubjectVaultFailure.IntegrityFailure, requestId,
                $"The sealed subject identifiers of request {requestId} fail their integrity check: altered, or moved from another request.", ex);
        }
        finally
        {
            if (dataKey is not null)
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }

            if (plaintext is not null)
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    /// <summary>Destroys the request's data key (idempotent). The record stays as a tombstone.</summary>
    public async Task<ShredOutcome> ShredAsync(string requestId, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        if (await store.DeleteKeyAsync(requestId, cancellationToken))
        {
            return ShredOutcome.Shredded;
        }

        return await store.GetRecordAsync(requestId, cancellationToken) is null ? ShredOutcome.NotFound : ShredOutcome.AlreadyShredded;
    }

    /// <summary>Keeps the sealed entries beyond <paramref name="until"/> (a retention's end) where the store lets entries expire.</summary>
    public Task KeepSealedUntilAsync(string requestId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        return store.KeepSealedUntilAsync(requestId, until, cancellationToken);
    }

    public async Task<SubjectVaultState> GetStateAsync(string requestId, CancellationToken cancellationToken = default)
    {
        RequestIdGuard.Check(requestId);
        if (await store.GetRecordAsync(requestId, cancellationToken) is null)
        {
            return SubjectVaultState.Absent;
        }

        return await store.GetKeyAsync(requestId, cancellationToken) is null ? SubjectVaultState.Shredded : SubjectVaultState.Sealed;
    }
}
