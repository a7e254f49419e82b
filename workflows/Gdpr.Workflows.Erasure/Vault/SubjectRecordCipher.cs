using System.Security.Cryptography;
using System.Text;

namespace Gdpr.Workflows.Erasure.Vault;

/// <summary>AES-256-GCM of a sealed record, with the request id as associated data.</summary>
internal static class SubjectRecordCipher
{
    public static SealedSubjectRecord Encrypt(ReadOnlySpan<byte> dataKey, string requestId, ReadOnlySpan<byte> plaintext, DateTimeOffset sealedAt)
    {
        // A random 96-bit nonce is safe here: each data key encrypts exactly one record.
        var nonce = RandomNumberGenerator.GetBytes(SealedSubjectRecord.NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[SealedSubjectRecord.TagBytes];
        using var aes = new AesGcm(dataKey, SealedSubjectRecord.TagBytes);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, AssociatedData(SealedSubjectRecord.CurrentFormatVersion, requestId));
        return new SealedSubjectRecord(SealedSubjectRecord.CurrentFormatVersion, nonce, ciphertext, tag, sealedAt);
    }

    /// <summary>The plaintext; throws <see cref="CryptographicException"/> when the record was altered or belongs to another request.</summary>
    public static byte[] Decrypt(ReadOnlySpan<byte> dataKey, string requestId, SealedSubjectRecord record)
    {
        if (record.FormatVersion != SealedSubjectRecord.CurrentFormatVersion)
        {
            throw new CryptographicException($"Sealed record format version {record.FormatVersion} is not supported.");
        }

        var plaintext = new byte[record.Ciphertext.Length];
        try
        {
            using var aes = new AesGcm(dataKey, SealedSubjectRecord.TagBytes);
            aes.Decrypt(record.Nonce.Span, record.Ciphertext.Span, record.Tag.Span, plaintext, AssociatedData(record.FormatVersion, requestId));
            return plaintext;
        }
        catch (CryptographicException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw;
        }
    }

    private static byte[] AssociatedData(int formatVersion, string requestId) =>
        Encoding.UTF8.GetBytes($"gdpr-subject-vault/record/v{formatVersion}\n{requestId}");
}
