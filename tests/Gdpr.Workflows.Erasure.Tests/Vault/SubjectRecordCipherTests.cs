using System.Security.Cryptography;
using System.Text;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Tests.Vault;

public class SubjectRecordCipherTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("{\"v\":1}");
    private static readonly DateTimeOffset SealedAt = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Decrypt_SameKeyAndRequest_ReturnsPlaintext()
    {
        var record = SubjectRecordCipher.Encrypt(Key, "req-1", Plaintext, SealedAt);

        SubjectRecordCipher.Decrypt(Key, "req-1", record).Should().Equal(Plaintext);
    }

    [Fact]
    public void Decrypt_SameKeyOtherRequestId_ThrowsBecauseRequestIdIsAssociatedData()
    {
        var record = SubjectRecordCipher.Encrypt(Key, "req-1", Plaintext, SealedAt);

        var act = () => SubjectRecordCipher.Decrypt(Key, "req-2", record);

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void Decrypt_AlteredTag_Throws()
    {
        var record = SubjectRecordCipher.Encrypt(Key, "req-1", Plaintext, SealedAt);
        var tag = record.Tag.ToArray();
        tag[0] ^= 1;

        var act = () => SubjectRecordCipher.Decrypt(Key, "req-1", new SealedSubjectRecord(1, record.Nonce, record.Ciphertext, tag, SealedAt));

        act.Should().Throw<CryptographicException>();
    }

    [Fact]
    public void Decrypt_UnknownFormatVersion_Throws()
    {
        var record = SubjectRecordCipher.Encrypt(Key, "req-1", Plaintext, SealedAt);

        var act = () => SubjectRecordCipher.Decrypt(Key, "req-1", new SealedSubjectRecord(2, record.Nonce, record.Ciphertext, record.Tag, SealedAt));

        act.Should().Throw<CryptographicException>().WithMessage("*version 2*");
    }
}
