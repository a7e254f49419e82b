using System.Security.Cryptography;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// Wraps the vault's per-request data keys with KMS (Encrypt/Decrypt under the vault key, VAULT_KEY_ID). The request id
/// is the encryption context <c>{"requestId": ...}</c>, so a wrapped key moved to another request does not decrypt; the
/// wrapped key records the key ARN KMS answered with, and unwrapping names it, so a ciphertext of any other key is refused.
/// </summary>
public sealed class KmsKeyWrapper(KmsClient kms, string keyId) : IKeyWrapper
{
    /// <summary>The encryption context's only key; template.yaml's policies may require it.</summary>
    public const string ContextKey = "requestId";

    public async Task<WrappedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, string context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (dataKey.IsEmpty)
        {
            throw new ArgumentException("There is no data key to wrap.", nameof(dataKey));
        }

        var plaintext = dataKey.ToArray();
        try
        {
            var encrypted = await Call(() => kms.EncryptAsync(new KmsEncryptRequest { KeyId = keyId, Plaintext = plaintext, EncryptionContext = Context(context) }, cancellationToken));
            return new WrappedDataKey(encrypted.KeyId, encrypted.CiphertextBlob);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public async Task<byte[]> UnwrapAsync(WrappedDataKey wrappedKey, string context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wrappedKey);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var decrypted = await Call(() => kms.DecryptAsync(
                new KmsDecryptRequest { CiphertextBlob = wrappedKey.Ciphertext.ToArray(), EncryptionContext = Context(context), KeyId = wrappedKey.MasterKeyId },
                cancellationToken));
            return decrypted.Plaintext;
        }
        catch (AwsServiceException e) when (e.ErrorCode is KmsErrorCodes.InvalidCiphertext or KmsErrorCodes.IncorrectKey)
        {
            // The port's contract: a key that does not unwrap for this context is a CryptographicException.
            throw new CryptographicException($"KMS refused to unwrap the data key ({e.ErrorCode}): altered, or wrapped for another request or key.", e);
        }
    }

    private static Dictionary<string, string> Context(string requestId) => new(StringComparer.Ordinal) { [ContextKey] = requestId };

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AwsServiceException e) when (e.IsTransient)
        {
            throw new TransientErasureException($"KMS is temporarily unavailable ({e.ErrorCode}).", e);
        }
    }
}
