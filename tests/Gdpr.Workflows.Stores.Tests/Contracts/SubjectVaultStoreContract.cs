using System.Security.Cryptography;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Stores.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Stores.Tests.Contracts;

/// <summary>What every <see cref="ISubjectVaultStore"/> promises, run against each implementation.</summary>
public abstract class SubjectVaultStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset SealedAt = new DateTimeOffset(2025, 3, 14, 9, 30, 0, 123, TimeSpan.Zero).AddTicks(4567);

    protected ISubjectVaultStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ContractFact]
    public async Task TryPut_New_StoresRecordAndKeyExactly()
    {
        var requestId = AuditSamples.NewRequestId();
        var (record, key) = Sample(200);

        (await Store.TryPutAsync(requestId, record, key)).Should().BeTrue();

        var stored = (await Store.GetRecordAsync(requestId))!;
        stored.FormatVersion.Should().Be(record.FormatVersion);
        stored.Nonce.ToArray().Should().Equal(record.Nonce.ToArray());
        stored.Ciphertext.ToArray().Should().Equal(record.Ciphertext.ToArray());
        stored.Tag.ToArray().Should().Equal(record.Tag.ToArray());
        stored.SealedAt.Should().Be(record.SealedAt);
        stored.SealedAt.UtcTicks.Should().Be(record.SealedAt.UtcTicks, "the sealing time is kept to the tick");
        var storedKey = (await Store.GetKeyAsync(requestId))!;
        storedKey.MasterKeyId.Should().Be(key.MasterKeyId);
        storedKey.Ciphertext.ToArray().Should().Equal(key.Ciphertext.ToArray());
    }

    [ContractFact]
    public async Task TryPut_SamePutRetried_KeepsOneRecord()
    {
        var requestId = AuditSamples.NewRequestId();
        var (record, key) = Sample(64);
        await Store.TryPutAsync(requestId, record, key);

        // A retried put may be recognised as the same write (true) or refused as a second one (false); either way nothing changes.
        await Store.TryPutAsync(requestId, record, key);

        (await Store.GetRecordAsync(requestId))!.Tag.ToArray().Should().Equal(record.Tag.ToArray());
        (await Store.GetKeyAsync(requestId))!.Ciphertext.ToArray().Should().Equal(key.Ciphertext.ToArray());
    }

    [ContractFact]
    public async Task TryPut_DifferentRecordUnderSameId_IsRefusedAndNothingOverwritten()
    {
        var requestId = AuditSamples.NewRequestId();
        var (record, key) = Sample(64);
        await Store.TryPutAsync(requestId, record, key);
        var (other, otherKey) = Sample(64);

        (await Store.TryPutAsync(requestId, other, otherKey)).Should().BeFalse();

        (await Store.GetRecordAsync(requestId))!.Ciphertext.ToArray().Should().Equal(record.Ciphertext.ToArray());
        (await Store.GetKeyAsync(requestId))!.Ciphertext.ToArray().Should().Equal(key.Ciphertext.ToArray());
    }

    [ContractFact]
    public async Task DeleteKey_Sealed_DestroysKeyKeepsRecordAndRetryIsFalse()
    {
        var requestId = AuditSamples.NewRequestId();
        var (record, key) = Sample(64);
        await Store.TryPutAsync(requestId, record, key);

        (await Store.DeleteKeyAsync(requestId)).Should().BeTrue();

        (await Store.GetKeyAsync(requestId)).Should().BeNull();
        (await Store.GetRecordAsync(requestId)).Should().NotBeNull();
        (await Store.DeleteKeyAsync(requestId)).Should().BeFalse("the retry finds nothing left to destroy");
    }

    [ContractFact]
    public async Task TryPut_AfterShredding_IsRefused()
    {
        var requestId = AuditSamples.NewRequestId();
        var (record, key) = Sample(64);
        await Store.TryPutAsync(requestId, record, key);
        await Store.DeleteKeyAsync(requestId);
        var (again, againKey) = Sample(64);

        (await Store.TryPutAsync(requestId, again, againKey)).Should().BeFalse();

        (await Store.GetKeyAsync(requestId)).Should().BeNull("a shredded request never gets a key back");
    }

    [ContractFact]
    public async Task DeleteRecord_RemovesBothAndRetryIsFalse()
    {
        var requestId = AuditSamples.NewRequestId();
        var (record, key) = Sample(64);
        await Store.TryPutAsync(requestId, record, key);

        (await Store.DeleteRecordAsync(requestId)).Should().BeTrue();

        (await Store.GetRecordAsync(requestId)).Should().BeNull();
        (await Store.GetKeyAsync(requestId)).Should().BeNull();
        (await Store.DeleteRecordAsync(requestId)).Should().BeFalse();
    }

    [ContractFact]
    public async Task Unknown_ReadsNullAndDeletesFalse()
    {
        var requestId = AuditSamples.NewRequestId("never");

        (await Store.GetRecordAsync(requestId)).Should().BeNull();
        (await Store.GetKeyAsync(requestId)).Should().BeNull();
        (await Store.DeleteKeyAsync(requestId)).Should().BeFalse();
        (await Store.DeleteRecordAsync(requestId)).Should().BeFalse();
    }

    [ContractFact]
    public async Task SubjectVault_SealOpenShred_WorksEndToEnd()
    {
        var requestId = AuditSamples.NewRequestId();
        using var wrapper = new LocalKeyWrapper(LocalKeyWrapper.GenerateMasterKey());
        var vault = new SubjectVault(Store, wrapper, new FakeTimeProvider(SealedAt));
        var identifiers = SubjectIdentifiers.Of(SubjectIdentifier.Email("Alice@Example.com"), SubjectIdentifier.CustomerId("C-1001"));

        await vault.SealAsync(requestId, identifiers);
        await vault.SealAsync(requestId, identifiers);

        (await vault.OpenAsync(requestId)).Equals(identifiers).Should().BeTrue();
        (await vault.ShredAsync(requestId)).Should().Be(ShredOutcome.Shredded);
        (await vault.ShredAsync(requestId)).Should().Be(ShredOutcome.AlreadyShredded);
        var open = () => vault.OpenAsync(requestId);
        (await open.Should().ThrowAsync<SubjectVaultException>()).Which.Failure.Should().Be(SubjectVaultFailure.Shredded);
    }

    [ContractFact]
    public async Task BadInput_ThrowsArgumentException()
    {
        var (record, key) = Sample(8);
        foreach (var bad in new[] { string.Empty, "  ", "line\nbreak", new string('r', 257) })
        {
            var put = () => Store.TryPutAsync(bad, record, key);
            var get = () => Store.GetRecordAsync(bad);
            var getKey = () => Store.GetKeyAsync(bad);
            var delete = () => Store.DeleteKeyAsync(bad);
            var purge = () => Store.DeleteRecordAsync(bad);
            await put.Should().ThrowAsync<ArgumentException>(bad);
            await get.Should().ThrowAsync<ArgumentException>(bad);
            await getKey.Should().ThrowAsync<ArgumentException>(bad);
            await delete.Should().ThrowAsync<ArgumentException>(bad);
            await purge.Should().ThrowAsync<ArgumentException>(bad);
        }

        var nullRecord = () => Store.TryPutAsync(AuditSamples.NewRequestId(), null!, key);
        await nullRecord.Should().ThrowAsync<ArgumentNullException>();
    }

    protected abstract Task<ISubjectVaultStore> CreateStoreAsync();

    private static (SealedSubjectRecord Record, WrappedDataKey Key) Sample(int ciphertextBytes) => (
        new SealedSubjectRecord(SealedSubjectRecord.CurrentFormatVersion, RandomNumberGenerator.GetBytes(SealedSubjectRecord.NonceBytes),
            RandomNumberGenerator.GetBytes(ciphertextBytes), RandomNumberGenerator.GetBytes(SealedSubjectRecord.TagBytes), SealedAt),
        new WrappedDataKey("local:test-master", RandomNumberGenerator.GetBytes(60)));
}
