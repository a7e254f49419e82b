using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>
/// Task tokens in the TaskTokens table, key (requestId, purpose). Put is an unconditional PutItem (the latest
/// wins, and a retry writes the same item); take is DeleteItem with ReturnValues ALL_OLD, so only one taker gets
/// the token; expiresAt (epoch seconds) drives TTL.
/// </summary>
public sealed class DynamoDbTaskTokenStore(IDynamoDbClient client, DynamoDbStoreOptions options) : ITaskTokenStore
{
    /// <summary>The store on the AWS SDK's client (the caller keeps and disposes it).</summary>
    public DynamoDbTaskTokenStore(IAmazonDynamoDB client, DynamoDbStoreOptions options)
        : this(new SdkDynamoDbClient(client), options)
    {
    }

    public async Task PutAsync(TaskTokenRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        StoreArguments.RequestId(record.RequestId, nameof(record));
        StoreArguments.NotBlank(record.Purpose, nameof(record));
        StoreArguments.NotBlank(record.TaskToken, nameof(record));
        ArgumentNullException.ThrowIfNull(record.ExecutionId, nameof(record));
        var item = Key(record.RequestId, record.Purpose);
        item["taskToken"] = Attr.S(record.TaskToken);
        item["executionId"] = Attr.S(record.ExecutionId);
        item["storedAt"] = Attr.S(Exact(record.StoredAt));
        if (record.ExpiresAt is { } expires)
        {
            item["expiresAtTime"] = Attr.S(Exact(expires));

            // TTL wants whole epoch seconds; rounding up never drops a token early.
            item["expiresAt"] = Attr.N((expires.UtcTicks + TimeSpan.TicksPerSecond - 1 - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerSecond);
        }

        await client.PutItemAsync(new PutItemRequest { TableName = options.TaskTokensTable, Item = item }, cancellationToken);
    }

    public async Task<TaskTokenRecord?> GetAsync(string requestId, string purpose, CancellationToken cancellationToken = default)
    {
        CheckKey(requestId, purpose);
        var response = await client.GetItemAsync(new GetItemRequest { TableName = options.TaskTokensTable, Key = Key(requestId, purpose), ConsistentRead = true }, cancellationToken);
        return Attr.IsEmpty(response.Item) ? null : Read(response.Item);
    }

    public async Task<TaskTokenRecord?> TakeAsync(string requestId, string purpose, CancellationToken cancellationToken = default)
    {
        CheckKey(requestId, purpose);
        var response = await client.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = options.TaskTokensTable,
            Key = Key(requestId, purpose),
            ReturnValues = ReturnValue.ALL_OLD,
        }, cancellationToken);
        return Attr.IsEmpty(response.Attributes) ? null : Read(response.Attributes);
    }

    public async Task<bool> DeleteIfMatchesAsync(string requestId, string purpose, string taskToken, CancellationToken cancellationToken = default)
    {
        CheckKey(requestId, purpose);
        StoreArguments.NotBlank(taskToken, nameof(taskToken));
        try
        {
            await client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = options.TaskTokensTable,
                Key = Key(requestId, purpose),
                ConditionExpression = "taskToken = :t",
                ExpressionAttributeValues = new() { [":t"] = Attr.S(taskToken) },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static void CheckKey(string requestId, string purpose)
    {
        StoreArguments.RequestId(requestId);
        StoreArguments.NotBlank(purpose, nameof(purpose));
    }

    private static Dictionary<string, AttributeValue> Key(string requestId, string purpose) => new()
    {
        ["requestId"] = Attr.S(requestId),
        ["purpose"] = Attr.S(purpose),
    };

    private static string Exact(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static TaskTokenRecord Read(Dictionary<string, AttributeValue> item) => new(
        Attr.RequiredString(item, "requestId"),
        Attr.RequiredString(item, "purpose"),
        Attr.RequiredString(item, "taskToken"),
        Attr.RequiredString(item, "executionId"),
        Parse(Attr.RequiredString(item, "storedAt")),
        Attr.String(item, "expiresAtTime") is { } expires ? Parse(expires) : null);
}
