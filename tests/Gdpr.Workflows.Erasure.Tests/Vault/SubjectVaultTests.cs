using System.Text;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Erasure.Tests.Vault;

public sealed class SubjectVaultTests : IDisposable
{
    private static readonly SubjectIdentifiers Alice = SubjectIdentifiers.Of(
        SubjectIdentifier.Email("alice@example.com"),
        SubjectIdentifier.Phone("+44 20 7946 0958"),
        SubjectIdentifier.CustomerId("Cust-001"),
        SubjectIdentifier.Keyed("loyalty", "L-42"));

    private readonly InMemorySubjectVaultStore _store = new();
    private readonly LocalKeyWrapper _wrapper = new(LocalKeyWrapper.GenerateMasterKey());
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly SubjectVault _vault;

    public SubjectVaultTests()
    {
        _vault = new SubjectVault(_store, _wrapper, _time);
    }

    public void Dispose() => _wrapper.Dispose();

    [Fact]
    public async Task OpenAsync_AfterSeal_ReturnsTheIdentifiers()
    {
        await _vault.SealAsync("req-1", Alice);

        var opened = await _vault.OpenAsync("req-1");

        opened.Should().Equal(Alice);
        (await _vault.GetStateAsync("req-1")).Should().Be(SubjectVaultState.Sealed);
    }

    [Fact]
    public async Task SealAsync_AnyIdentifiers_StoresNoPlaintextAndStampsTime()
    {
        await _vault.SealAsync("req-1", Alice);

        var record = (await _store.GetRecordAsync("req-1"))!;
        var ciphertext = Encoding.UTF8.GetString(record.Ciphertext.Span);
        ciphertext.Should().NotContain("alice").And.NotContain("Cust-001");
        record.SealedAt.Should().Be(_time.GetUtcNow());
        record.FormatVersion.Should().Be(SealedSubjectRecord.CurrentFormatVersion);
    }

    [Fact]
    public async Task SealAsync_TwoRequests_UseDifferentRandomDataKeys()
    {
        var recording = new RecordingKeyWrapper(_wrapper);
        var vault = new SubjectVault(_store, recording, _time);

        await vault.SealAsync("req-1", Alice);
        await vault.SealAsync("req-2", Alice);

        recording.DataKeys.Should().HaveCount(2).And.OnlyContain(k => k.Length == SubjectVault.DataKeyBytes);
        recording.DataKeys[0].Should().NotEqual(recording.DataKeys[1]);
    }

    [Fact]
    public async Task OpenAsync_NeverSealed_ThrowsNotFound()
    {
        var act = () => _vault.OpenAsync("req-unknown");

        (await act.Should().ThrowAsync<SubjectVaultException>()).Which.Failure.Should().Be(SubjectVaultFailure.NotFound);
    }

    [Fact]
    public async Task OpenAsync_AfterShred_ThrowsShredded()
    {
        await _vault.SealAsync("req-1", Alice);

        var outcome = await _vault.ShredAsync("req-1");
        var act = () => _vault.OpenAsync("req-1");

        outcome.Should().Be(ShredOutcome.Shredded);
        var thrown = await act.Should().ThrowAsync<SubjectVaultException>().WithMessage("*shredded*");
        thrown.Which.Failure.Should().Be(SubjectVaultFailure.Shredded);
        thrown.Which.RequestId.Should().Be("req-1");
        (await _vault.GetStateAsync("req-1")).Should().Be(SubjectVaultState.Shredded);
    }

    [Fact]
    public async Task ShredAsync_AfterShred_LeavesNoKeyMaterialForTheCiphertext()
    {
        await _vault.SealAsync("req-1", Alice);

        await _vault.ShredAsync("req-1");

        (await _store.GetKeyAsync("req-1")).Should().BeNull();
        (await _store.GetRecordAsync("req-1")).Should().NotBeNull("the ciphertext stays as a tombstone, unreadable");
    }

    [Fact]
    public async Task ShredAsync_Repeated_ReportsAlreadyShredded()
    {
        await _vault.SealAsync("req-1", Alice);
        await _vault.ShredAsync("req-1");

        (await _vault.ShredAsync("req-1")).Should().Be(ShredOutcome.AlreadyShredded);
    }

    [Fact]
    public async Task ShredAsync_NeverSealed_ReportsNotFound()
    {
        (await _vault.ShredAsync("req-unknown")).Should().Be(ShredOutcome.NotFound);
        (await _vault.GetStateAsync("req-unknown")).Should().Be(SubjectVaultState.Absent);
    }

    [Fact]
    public async Task OpenAsync_RecordAndKeyMovedToAnotherRequest_ThrowsIntegrityFailure()
    {
        await _vault.SealAsync("req-1", Alice);
        var record = (await _store.GetRecordAsync("req-1"))!;
        var key = (await _store.GetKeyAsync("req-1"))!;
        await _store.TryPutAsync("req-2", record, key);

        var act = () => _vault.OpenAsync("req-2");

        (await act.Should().ThrowAsync<SubjectVaultException>()).Which.Failure.Should().Be(SubjectVaultFailure.IntegrityFailure);
    }

    [Fact]
    public async Task OpenAsync_CiphertextBitFlipped_ThrowsIntegrityFailure()
    {
        await _vault.SealAsync("req-1", Alice);
        var record = (await _store.GetRecordAsync("req-1"))!;
        var key = (await _store.GetKeyAsync("req-1"))!;
        var flipped = record.Ciphertext.ToArray();
        flipped[0] ^= 0x01;
        await _store.DeleteRecordAsync("req-1");
        await _store.TryPutAsync("req-1", new SealedSubjectRecord(record.FormatVersion, record.Nonce, flipped, record.Tag, record.SealedAt), key);

        var act = () => _vault.OpenAsync("req-1");

        (await act.Should().ThrowAsync<SubjectVaultException>().WithMessage("*integrity*"))
            .Which.Failure.Should().Be(SubjectVaultFailure.IntegrityFailure);
    }

    [Fact]
    public async Task OpenAsync_OtherMasterKey_ThrowsIntegrityFailure()
    {
        await _vault.SealAsync("req-1", Alice);
        using var otherWrapper = new LocalKeyWrapper(LocalKeyWrapper.GenerateMasterKey());
        var otherVault = new SubjectVault(_store, otherWrapper, _time);

        var act = () => otherVault.OpenAsync("req-1");

        (await act.Should().ThrowAsync<SubjectVaultException>()).Which.Failure.Should().Be(SubjectVaultFailure.IntegrityFailure);
    }

    [Fact]
    public async Task SealAsync_SameIdentifiersAgain_IsANoOp()
    {
        await _vault.SealAsync("req-1", Alice);
        var firstRecord = await _store.GetRecordAsync("req-1");

        await _vault.SealAsync("req-1", Alice);

        (await _store.GetRecordAsync("req-1")).Should().BeSameAs(firstRecord);
    }

    [Fact]
    public async Task SealAsync_DifferentIdentifiersUnderSealedId_ThrowsAlreadySealed()
    {
        await _vault.SealAsync("req-1", Alice);

        var act = () => _vault.SealAsync("req-1", SubjectIdentifiers.Of(SubjectIdentifier.Email("bob@example.com")));

        (await act.Should().ThrowAsync<SubjectVaultException>()).Which.Failure.Should().Be(SubjectVaultFailure.AlreadySealed);
        (await _vault.OpenAsync("req-1")).Should().Equal(Alice);
    }

    [Fact]
    public async Task SealAsync_AfterShred_ThrowsShreddedInsteadOfResurrecting()
    {
        await _vault.SealAsync("req-1", Alice);
        await _vault.ShredAsync("req-1");

        var act = () => _vault.SealAsync("req-1", Alice);

        (await act.Should().ThrowAsync<SubjectVaultException>()).Which.Failure.Should().Be(SubjectVaultFailure.Shredded);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" req-1")]
    [InlineData("req\n1")]
    public async Task SealAsync_InvalidRequestId_Throws(string requestId)
    {
        var act = () => _vault.SealAsync(requestId, Alice);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    private sealed class RecordingKeyWrapper(IKeyWrapper inner) : IKeyWrapper
    {
        public List<byte[]> DataKeys { get; } = [];

        public Task<WrappedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, string context, CancellationToken cancellationToken = default)
        {
            DataKeys.Add(dataKey.ToArray());
            return inner.WrapAsync(dataKey, context, cancellationToken);
        }

        public Task<byte[]> UnwrapAsync(WrappedDataKey wrappedKey, string context, CancellationToken cancellationToken = default) =>
            inner.UnwrapAsync(wrappedKey, context, cancellationToken);
    }
}
