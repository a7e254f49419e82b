namespace Gdpr.Workflows.Erasure.Vault;

/// <summary>
/// A request's data key encrypted under a master key. Useless without the master key; destroying it
/// (with every copy) makes the request's sealed record unreadable for good.
/// </summary>
public sealed class WrappedDataKey
{
    public WrappedDataKey(string masterKeyId, ReadOnlyMemory<byte> ciphertext)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(masterKeyId);
        if (ciphertext.IsEmpty)
        {
            throw new ArgumentException("A wrapped key has ciphertext.", nameof(ciphertext));
        }

        MasterKeyId = masterKeyId;
        Ciphertext = ciphertext.ToArray();
    }

    /// <summary>Which master key wrapped it: a local key's fingerprint or a KMS key ARN.</summary>
    public string MasterKeyId { get; }

    /// <summary>The wrapped key as the key wrapper produced it (format owned by the wrapper).</summary>
    public ReadOnlyMemory<byte> Ciphertext { get; }
}
