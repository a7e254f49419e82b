using System.Security.Cryptography;
using System.Text;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Vault;

/// <summary>
/// Wraps data keys with AES-256-GCM under a master key held in this process (from a file or bytes).
/// For local runs and tests; in AWS a KMS key wrapper keeps the master key out of the process.
/// </summary>
/// <remarks>
/// Wrapped layout: version byte (1) | 12-byte nonce | ciphertext | 16-byte tag. The associated data
/// binds the master key id and the context, so a wrapped key moved to another request fails to unwrap.
/// </remarks>
public sealed class LocalKeyWrapper : IKeyWrapper, IDisposable
{
    public const int MasterKeyBytes = 32;

    private const byte FormatVersion = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _masterKey;
    private bool _disposed;

    public LocalKeyWrapper(ReadOnlySpan<byte> masterKey)
    {
        if (masterKey.Length != MasterKeyBytes)
        {
            throw new ArgumentException($"The master key must be exactly {MasterKeyBytes} bytes.", nameof(masterKey));
        }

        _masterKey = masterKey.ToArray();

        // A fingerprint, not the key: SHA-256 of a random 256-bit key reveals nothing usable.
        var fingerprint = SHA256.HashData([.. "gdpr-subject-vault/master-key-id\n"u8, .. _masterKey]);
        MasterKeyId = "local:" + Convert.ToHexStringLower(fingerprint.AsSpan(0, 8));
    }

    /// <summary>"local:" and 16 hex digits identifying the master key (a fingerprint, safe to store).</summary>
    public string MasterKeyId { get; }

    /// <summary>A new random master key.</summary>
    public static byte[] GenerateMasterKey() => RandomNumberGenerator.GetBytes(MasterKeyBytes);

    /// <summary>
    /// Reads a master key file: exactly 32 raw bytes, or text holding 32 bytes as 64 hex digits or as base64.
    /// </summary>
    public static LocalKeyWrapper FromFile(string path)
    {
        var content = File.ReadAllBytes(path);
        try
        {
            if (content.Length == MasterKeyBytes)
            {
                return new LocalKeyWrapper(content);
            }

            var key = DecodeText(Encoding.ASCII.GetString(content).Trim());
            try
            {
                return new LocalKeyWrapper(key);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    public Task<WrappedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, string context, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(context);
        if (dataKey.IsEmpty)
        {
            throw new ArgumentException("There is no data key to wrap.", nameof(dataKey));
        }

        var blob = new byte[1 + NonceBytes + dataKey.Length + TagBytes];
        blob[0] = FormatVersion;
        var nonce = blob.AsSpan(1, NonceBytes);
        var ciphertext = blob.AsSpan(1 + NonceBytes, dataKey.Length);
        var tag = blob.AsSpan(1 + NonceBytes + dataKey.Length, TagBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_masterKey, TagBytes))
        {
            aes.Encrypt(nonce, dataKey.Span, ciphertext, tag, AssociatedData(context));
        }

        return Task.FromResult(new WrappedDataKey(MasterKeyId, blob));
    }

    public Task<byte[]> UnwrapAsync(WrappedDataKey wrappedKey, string context, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(wrappedKey);
        ArgumentNullException.ThrowIfNull(context);
        if (!string.Equals(wrappedKey.MasterKeyId, MasterKeyId, StringComparison.Ordinal))
        {
            throw new CryptographicException($"The data key was wrapped by master key {wrappedKey.MasterKeyId}, not by {MasterKeyId}.");
        }

        var blob = wrappedKey.Ciphertext.Span;
        if (blob.Length <= 1 + NonceBytes + TagBytes || blob[0] != FormatVersion)
        {
            throw new CryptographicException("The wrapped data key is malformed or of an unknown format version.");
        }

        var keyLength = blob.Length - 1 - NonceBytes - TagBytes;
        var dataKey = new byte[keyLength];
        try
        {
            using var aes = new AesGcm(_masterKey, TagBytes);
            aes.Decrypt(blob.Slice(1, NonceBytes), blob.Slice(1 + NonceBytes, keyLength), blob.Slice(1 + NonceBytes + keyLength, TagBytes), dataKey, AssociatedData(context));
        }
        catch (CryptographicException ex)
        {
            CryptographicOperations.ZeroMemory(dataKey);
            throw new CryptographicException("The wrapped data key does not unwrap for this context: it was altered or belongs to another request.", ex);
        }

        return Task.FromResult(dataKey);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_masterKey);
            _disposed = true;
        }
    }

    private byte[] AssociatedData(string context) =>
        Encoding.UTF8.GetBytes($"gdpr-subject-vault/dek/v{FormatVersion}\n{MasterKeyId}\n{context}");

    private static byte[] DecodeText(string text)
    {
        if (text.Length == MasterKeyBytes * 2 && text.All(char.IsAsciiHexDigit))
        {
            return Convert.FromHexString(text);
        }

        var buffer = new byte[MasterKeyBytes];
        if (Convert.TryFromBase64String(text, buffer, out var written) && written == MasterKeyBytes)
        {
            return buffer;
        }

        throw new InvalidDataException($"A master key file holds exactly {MasterKeyBytes} raw bytes, or {MasterKeyBytes} bytes as hex or base64.");
    }
}
