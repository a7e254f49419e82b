using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>
/// Encrypts (wraps) and decrypts (unwraps) data keys under a master key that never leaves the
/// wrapper: a local AES-GCM key (<see cref="LocalKeyWrapper"/>) or, later, AWS KMS.
/// </summary>
/// <remarks>
/// <paramref name="context"/> on both calls binds the wrapped key to what it protects (the request
/// id): it is associated data locally and the encryption context in KMS, and unwrapping with any
/// other context must fail. Unwrap failures are reported as
/// <see cref="System.Security.Cryptography.CryptographicException"/>.
/// </remarks>
public interface IKeyWrapper
{
    Task<WrappedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, string context, CancellationToken cancellationToken = default);

    /// <summary>Returns the plaintext data key; the caller zeroes it after use.</summary>
    Task<byte[]> UnwrapAsync(WrappedDataKey wrappedKey, string context, CancellationToken cancellationToken = default);
}
