using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.Stores.Tests.Support;

namespace Gdpr.Workflows.Stores.Tests.DynamoDb;

/// <summary>
/// The vault table's TTL safety net (VaultSafetyNetDays, 100 by default) against identifiers kept sealed for an Art. 17(3)
/// retention, on the template's tables on moto_server: expiresAt read back with the SDK, as DynamoDB's TTL reads it.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DynamoDbSubjectVaultStoreTtlTests(MotoServerFixture moto) : IAsyncLifetime
{
    private static readonly DateTimeOffset SealedAt = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private DynamoDbTestTables _tables = null!;
    private DynamoDbSubjectVaultStore _store = null!;

    public async Task InitializeAsync()
    {
        _tables = await DynamoDbTestTables.OnMotoAsync(moto, DynamoDbClientKind.Http);
        _store = new DynamoDbSubjectVaultStore(_tables.StoreClient, _tables.Options);
    }

    public async Task DisposeAsync() => await _tables.DisposeAsync();

    [Fact]
    public async Task TryPutAsync_NewEntry_ExpiresTheSafetyNetAfterSealing()
    {
        await SealAsync("r-ttl-sealed");

        (await ExpiresAtAsync("r-ttl-sealed", "record")).Should().Be(SealedAt.AddDays(100));
        (await ExpiresAtAsync("r-ttl-sealed", "key")).Should().Be(SealedAt.AddDays(100));
    }

    [Fact]
    public async Task KeepSealedUntilAsync_RetentionEnds2033_BothEntriesExpireTheSafetyNetAfterIt()
    {
        // Invoices kept until 2033-03-31: kept until 2033-04-01T00:00Z, and removed by TTL 100 days later (2033-07-10) at
        // the earliest, so a follow-up that did not run is not silently outlived by the identifiers for ever.
        await SealAsync("r-ttl-kept");
        var until = new DateTimeOffset(2033, 4, 1, 0, 0, 0, TimeSpan.Zero);

        await _store.KeepSealedUntilAsync("r-ttl-kept", until);
        await _store.KeepSealedUntilAsync("r-ttl-kept", until.AddYears(-2));

        (await ExpiresAtAsync("r-ttl-kept", "record")).Should().Be(new DateTimeOffset(2033, 7, 10, 0, 0, 0, TimeSpan.Zero));
        (await ExpiresAtAsync("r-ttl-kept", "key")).Should().Be(new DateTimeOffset(2033, 7, 10, 0, 0, 0, TimeSpan.Zero), "a shorter keep never brings the expiry forward");
    }

    [Fact]
    public async Task KeepSealedUntilAsync_KeyShredded_KeepsTheRecordAndRecreatesNoKey()
    {
        await SealAsync("r-ttl-shredded");
        await _store.DeleteKeyAsync("r-ttl-shredded");

        await _store.KeepSealedUntilAsync("r-ttl-shredded", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        (await _store.GetKeyAsync("r-ttl-shredded")).Should().BeNull();
        (await ItemAsync("r-ttl-shredded", "key")).Should().BeNull();
        (await ExpiresAtAsync("r-ttl-shredded", "record")).Should().Be(new DateTimeOffset(2030, 4, 11, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task KeepSealedUntilAsync_NothingStored_WritesNothing()
    {
        await _store.KeepSealedUntilAsync("r-ttl-none", new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        (await ItemAsync("r-ttl-none", "record")).Should().BeNull();
        (await ItemAsync("r-ttl-none", "key")).Should().BeNull();
    }

    private async Task SealAsync(string requestId) =>
        (await _store.TryPutAsync(requestId, new SealedSubjectRecord(1, new byte[12], new byte[] { 1, 2, 3 }, new byte[16], SealedAt), new WrappedDataKey("local:test", new byte[] { 9, 9 }))).Should().BeTrue();

    private async Task<DateTimeOffset> ExpiresAtAsync(string requestId, string entry) =>
        DateTimeOffset.FromUnixTimeSeconds(long.Parse((await ItemAsync(requestId, entry))!["expiresAt"].N, System.Globalization.CultureInfo.InvariantCulture));

    private async Task<Dictionary<string, AttributeValue>?> ItemAsync(string requestId, string entry)
    {
        var response = await _tables.Client.GetItemAsync(new GetItemRequest
        {
            TableName = _tables.Options.VaultTable,
            Key = new() { ["requestId"] = new AttributeValue { S = requestId }, ["entry"] = new AttributeValue { S = entry } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
