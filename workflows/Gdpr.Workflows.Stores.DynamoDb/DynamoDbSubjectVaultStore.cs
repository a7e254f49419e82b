using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>
/// The vault in the Vault table: per request two items, entry "record" (the sealed record) and entry
/// "key" (the wrapped data key), written together by one conditional transaction. Shredding deletes the
/// "key" item only. Both carry expiresAt (sealing time + the safety net) for TTL; identifiers kept sealed for an Art. 17(3)
/// retention have it moved to the day after the last retain-until day + the safety net (<see cref="KeepSealedUntilAsync"/>).
/// </summary>
public sealed class DynamoDbSubjectVaultStore(IDynamoDbClient client, DynamoDbStoreOptions options) : ISubjectVaultStore
{
    /// <summary>The store on the AWS SDK's client (the caller keeps and disposes it).</summary>
    public DynamoDbSubjectVaultStore(IAmazonDynamoDB client, DynamoDbStoreOptions options)
        : this(new SdkDynamoDbClient(client), options)
    {
    }

    private const string RecordEntry = "record";
    private const string KeyEntry = "key";

    public async Task<bool> TryPutAsync(string requestId, SealedSubjectRecord record, WrappedDataKey key, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(key);

        // From the record's own time, so a retry sends an identical request under the same token.
        var expiresAt = Attr.N((record.SealedAt + options.VaultSafetyNet).ToUnixTimeSeconds());
        var recordItem = Key(requestId, RecordEntry);
        recordItem["formatVersion"] = Attr.N(record.FormatVersion);
        recordItem["nonce"] = Attr.B(record.Nonce);
        recordItem["ciphertext"] = Attr.B(record.Ciphertext);
        recordItem["tag"] = Attr.B(record.Tag);
        recordItem["sealedAt"] = Attr.S(record.SealedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        recordItem["expiresAt"] = expiresAt;
        var keyItem = Key(requestId, KeyEntry);
        keyItem["masterKeyId"] = Attr.S(key.MasterKeyId);
        keyItem["ciphertext"] = Attr.B(key.Ciphertext);
        keyItem["expiresAt"] = expiresAt;

        var request = new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new() { Put = new Put { TableName = options.VaultTable, Item = recordItem, ConditionExpression = "attribute_not_exists(requestId)" } },
                new() { Put = new Put { TableName = options.VaultTable, Item = keyItem, ConditionExpression = "attribute_not_exists(requestId)" } },
            ],
            ClientRequestToken = Attr.Token("vault", requestId, Convert.ToBase64String(record.Tag.Span), record.SealedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(key.Ciphertext.Span)),
        };

        try
        {
            // A replay means an earlier call stored it: like any second put, this one did not.
            return await DynamoDbTransactions.WriteAsync(client, request, cancellationToken) == TransactionOutcome.Applied;
        }
        catch (TransactionCanceledException cancelled) when (cancelled.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
        {
            return false;
        }
    }

    public async Task<SealedSubjectRecord?> GetRecordAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        var item = await GetAsync(requestId, RecordEntry, cancellationToken);
        return item is null
            ? null
            : new SealedSubjectRecord(
                (int)Attr.Long(item, "formatVersion"),
                Attr.Bytes(item, "nonce"),
                Attr.Bytes(item, "ciphertext"),
                Attr.Bytes(item, "tag"),
                DateTimeOffset.ParseExact(Attr.RequiredString(item, "sealedAt"), "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }

    public async Task<WrappedDataKey?> GetKeyAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        var item = await GetAsync(requestId, KeyEntry, cancellationToken);
        return item is null ? null : new WrappedDataKey(Attr.RequiredString(item, "masterKeyId"), Attr.Bytes(item, "ciphertext"));
    }

    public async Task<bool> DeleteKeyAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        return await DeleteAsync(requestId, KeyEntry, cancellationToken);
    }

    public async Task<bool> DeleteRecordAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);

        // Key first: interrupted halfway, the request is left shredded, never with a key and no record.
        var keyDeleted = await DeleteAsync(requestId, KeyEntry, cancellationToken);
        var recordDeleted = await DeleteAsync(requestId, RecordEntry, cancellationToken);
        return keyDeleted || recordDeleted;
    }

    public async Task KeepSealedUntilAsync(string requestId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        var expiresAt = Attr.N((until + options.VaultSafetyNet).ToUnixTimeSeconds());

        // Key first: interrupted halfway, the key expires no later than the record, never the other way round. Each update
        // only raises the expiry, so a repeat, or a twin keeping for a shorter retention, never brings it forward.
        foreach (var entry in new[] { KeyEntry, RecordEntry })
        {
            try
            {
                await client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = options.VaultTable,
                    Key = Key(requestId, entry),
                    UpdateExpression = "SET expiresAt = :e",
                    ConditionExpression = "attribute_exists(requestId) AND (attribute_not_exists(expiresAt) OR expiresAt < :e)",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":e"] = expiresAt },
                }, cancellationToken);
            }
            catch (ConditionalCheckFailedException)
            {
                // Nothing stored under the entry (never sealed, or the key destroyed), or it expires later already.
            }
        }
    }

    private static Dictionary<string, AttributeValue> Key(string requestId, string entry) => new()
    {
        ["requestId"] = Attr.S(requestId),
        ["entry"] = Attr.S(entry),
    };

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string requestId, string entry, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = options.VaultTable, Key = Key(requestId, entry), ConsistentRead = true }, cancellationToken);
        return Attr.IsEmpty(response.Item) ? null : response.Item;
    }

    private async Task<bool> DeleteAsync(string requestId, string entry, CancellationToken cancellationToken)
    {
        var response = await client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = options.VaultTable,
            Key = Key(requestId, entry),
            ReturnValues = ReturnValue.ALL_OLD,
        }, cancellationToken);
        return !Attr.IsEmpty(response.Attributes);
    }
}
