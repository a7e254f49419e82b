using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Tests.Ports;

public class InMemorySubjectVaultStoreTests
{
    private static readonly SealedSubjectRecord Record = new(1, new byte[12], new byte[] { 1, 2, 3 }, new byte[16], DateTimeOffset.UnixEpoch);
    private static readonly WrappedDataKey Key = new("local:test", new byte[] { 9, 9, 9 });

    [Fact]
    public async Task TryPutAsync_SecondPutForSameId_ReturnsFalseAndKeepsFirst()
    {
        var store = new InMemorySubjectVaultStore();
        var other = new SealedSubjectRecord(1, new byte[12], new byte[] { 7 }, new byte[16], DateTimeOffset.UnixEpoch);

        (await store.TryPutAsync("req-1", Record, Key)).Should().BeTrue();
        (await store.TryPutAsync("req-1", other, Key)).Should().BeFalse();

        (await store.GetRecordAsync("req-1")).Should().BeSameAs(Record);
    }

    [Fact]
    public async Task DeleteKeyAsync_StoredKey_RemovesKeyKeepsRecord()
    {
        var store = new InMemorySubjectVaultStore();
        await store.TryPutAsync("req-1", Record, Key);

        (await store.DeleteKeyAsync("req-1")).Should().BeTrue();
        (await store.DeleteKeyAsync("req-1")).Should().BeFalse();

        (await store.GetKeyAsync("req-1")).Should().BeNull();
        (await store.GetRecordAsync("req-1")).Should().BeSameAs(Record);
    }

    [Fact]
    public async Task DeleteRecordAsync_StoredEntry_RemovesRecordAndKey()
    {
        var store = new InMemorySubjectVaultStore();
        await store.TryPutAsync("req-1", Record, Key);

        (await store.DeleteRecordAsync("req-1")).Should().BeTrue();

        (await store.GetRecordAsync("req-1")).Should().BeNull();
        (await store.GetKeyAsync("req-1")).Should().BeNull();
        (await store.DeleteRecordAsync("req-1")).Should().BeFalse();
    }
}
