namespace Gdpr.Workflows.Erasure.Vault;

/// <summary>
/// A request's subject identifiers encrypted with AES-256-GCM under the request's data key, with the
/// request id as associated data. Holds no plaintext and no key.
/// </summary>
public sealed class SealedSubjectRecord
{
    public const int CurrentFormatVersion = 1;
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    public SealedSubjectRecord(int formatVersion, ReadOnlyMemory<byte> nonce, ReadOnlyMemory<byte> ciphertext, ReadOnlyMemory<byte> tag, DateTimeOffset sealedAt)
    {
        if (nonce.Length != NonceBytes)
        {
            throw new ArgumentException($"The nonce is {NonceBytes} bytes.", nameof(nonce));
        }

        if (tag.Length != TagBytes)
        {
            throw new ArgumentException($"The tag is {TagBytes} bytes.", nameof(tag));
        }

        FormatVersion = formatVersion;
        Nonce = nonce.ToArray();
        Ciphertext = ciphertext.ToArray();
        Tag = tag.ToArray();
        SealedAt = sealedAt;
    }

    /// <summary>Version of the plaintext layout and associated-data format; 1 today.</summary>
    public int FormatVersion { get; }

    public ReadOnlyMemory<byte> Nonce { get; }

    public ReadOnlyMemory<byte> Ciphertext { get; }

    public ReadOnlyMemory<byte> Tag { get; }

    public DateTimeOffset SealedAt { get; }
}
