using Amazon.DynamoDBv2;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>
/// Every erasure port on the template's DynamoDB tables, sharing one client.
/// <code>
/// var stores = new DynamoDbStores(new AmazonDynamoDBClient(), DynamoDbStoreOptions.FromEnvironment());
/// </code>
/// </summary>
public sealed class DynamoDbStores(IAmazonDynamoDB client, DynamoDbStoreOptions options)
{
    public DynamoDbRequestStore Requests { get; } = new(client, options);

    /// <summary>The audit ledger; also <see cref="Erasure.Ports.IAuditHistoryStore"/>.</summary>
    public DynamoDbAuditLedgerStore Audit { get; } = new(client, options);

    public DynamoDbSubjectVaultStore Vault { get; } = new(client, options);

    public DynamoDbTaskTokenStore TaskTokens { get; } = new(client, options);
}
