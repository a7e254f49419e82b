using System.Security.Cryptography;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Tests.Vault;

public sealed class LocalKeyWrapperTests : IDisposable
{
    private static readonly byte[] DataKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    private readonly string _directory = Directory.CreateTempSubdirectory("gdpr-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task UnwrapAsync_SameContext_ReturnsTheDataKey()
    {
        using var wrapper = new LocalKeyWrapper(LocalKeyWrapper.GenerateMasterKey());

        var wrapped = await wrapper.WrapAsync(DataKey, "req-1");

        (await wrapper.UnwrapAsync(wrapped, "req-1")).Should().Equal(DataKey);
        wrapped.MasterKeyId.Should().Be(wrapper.MasterKeyId);
        wrapped.Ciphertext.ToArray().Should().NotContainInOrder(DataKey);
    }

    [Fact]
    public async Task UnwrapAsync_OtherContext_Throws()
    {
        using var wrapper = new LocalKeyWrapper(LocalKeyWrapper.GenerateMasterKey());
        var wrapped = await wrapper.WrapAsync(DataKey, "req-1");

        var act = () => wrapper.UnwrapAsync(wrapped, "req-2");

        await act.Should().ThrowAsync<CryptographicException>().WithMessage("*another request*");
    }

    [Fact]
    public async Task UnwrapAsync_OtherMasterKey_ThrowsNamingBothKeys()
    {
        using var wrapper = new LocalKeyWrapper(LocalKeyWrapper.GenerateMasterKey());
        using var other = new LocalKeyWrapper(LocalKeyWrapper.GenerateMasterKey());
        var wrapped = await wrapper.WrapAsync(DataKey, "req-1");

        var act = () => other.UnwrapAsync(wrapped, "req-1");

        await act.Should().ThrowAsync<CryptographicException>().WithMessage($"*{wrapper.MasterKeyId}*{other.MasterKeyId}*");
    }

    [Fact]
    public async Task UnwrapAsync_AlteredBlob_Throws()
    {
        using var wrapper = new LocalKeyWrapper(LocalKeyWrapper.GenerateMasterKey());
        var wrapped = await wrapper.WrapAsync(DataKey, "req-1");
        var blob = wrapped.Ciphertext.ToArray();
        blob[^1] ^= 0x80;

        var act = () => wrapper.UnwrapAsync(new WrappedDataKey(wrapped.MasterKeyId, blob), "req-1");

        await act.Should().ThrowAsync<CryptographicException>();
    }

    [Fact]
    public async Task WrapAsync_SameKeyTwice_UsesFreshNonces()
    {
        using var wrapper = new LocalKeyWrapper(LocalKeyWrapper.GenerateMasterKey());

        var first = await wrapper.WrapAsync(DataKey, "req-1");
        var second = await wrapper.WrapAsync(DataKey, "req-1");

        first.Ciphertext.ToArray().Should().NotEqual(second.Ciphertext.ToArray());
    }

    [Fact]
    public void MasterKeyId_SameKey_IsStableFingerprint()
    {
        var key = LocalKeyWrapper.GenerateMasterKey();
        using var a = new LocalKeyWrapper(key);
        using var b = new LocalKeyWrapper(key);

        a.MasterKeyId.Should().Be(b.MasterKeyId).And.MatchRegex("^local:[0-9a-f]{16}$");
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("hex")]
    [InlineData("base64")]
    public async Task FromFile_EachEncoding_LoadsTheSameKey(string encoding)
    {
        var key = LocalKeyWrapper.GenerateMasterKey();
        var path = Path.Combine(_directory, "master.key");
        if (encoding == "raw")
        {
            await File.WriteAllBytesAsync(path, key);
        }
        else
        {
            await File.WriteAllTextAsync(path, (encoding == "hex" ? Convert.ToHexString(key) : Convert.ToBase64String(key)) + "\n");
        }

        using var fromFile = LocalKeyWrapper.FromFile(path);
        using var fromBytes = new LocalKeyWrapper(key);

        fromFile.MasterKeyId.Should().Be(fromBytes.MasterKeyId);
    }

    [Fact]
    public async Task FromFile_WrongLength_Throws()
    {
        var path = Path.Combine(_directory, "short.key");
        await File.WriteAllTextAsync(path, Convert.ToBase64String(new byte[16]));

        var act = () => LocalKeyWrapper.FromFile(path);

        act.Should().Throw<InvalidDataException>().WithMessage("*32*");
    }

    [Fact]
    public void Constructor_WrongKeySize_Throws()
    {
        var act = () => new LocalKeyWrapper(new byte[16]);

        act.Should().Throw<ArgumentException>().WithMessage("*exactly 32*");
    }

    [Fact]
    public async Task WrapAsync_AfterDispose_Throws()
    {
        var wrapper = new LocalKeyWrapper(LocalKeyWrapper.GenerateMasterKey());
        wrapper.Dispose();

        var act = () => wrapper.WrapAsync(DataKey, "req-1");

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }
}
