using Amazon.DynamoDBv2;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>
/// Every erasure port on the template's DynamoDB tables, sharing one client.
/// <code>
/// var stores = new DynamoDbStores(HttpDynamoDbClient.FromEnvironment(), DynamoDbStoreOptions.FromEnvironment());   // Lambda
/// var stores = new DynamoDbStores(new AmazonDynamoDBClient(), DynamoDbStoreOptions.FromEnvironment());             // SDK client
/// </code>
/// </summary>
public sealed class DynamoDbStores
{
    private readonly IDynamoDbClient client;
    private readonly DynamoDbStoreOptions options;

    public DynamoDbStores(IDynamoDbClient client, DynamoDbStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        Requests = new(client, options);
        Audit = new(client, options);
        Vault = new(client, options);
        TaskTokens = new(client, options);
        this.client = client;
        this.options = options;
    }

    /// <summary>The stores on the AWS SDK's client (wrapped in <see cref="SdkDynamoDbClient"/>; the caller keeps and disposes it).</summary>
    public DynamoDbStores(IAmazonDynamoDB client, DynamoDbStoreOptions options)
        : this(new SdkDynamoDbClient(client), options)
    {
    }

    public DynamoDbRequestStore Requests { get; }

    /// <summary>The audit ledger; also <see cref="Erasure.Ports.IAuditHistoryStore"/>.</summary>
    public DynamoDbAuditLedgerStore Audit { get; }

    public DynamoDbSubjectVaultStore Vault { get; }

    public DynamoDbTaskTokenStore TaskTokens { get; }

    /// <summary>The async systems' inbox (<c>GET /tasks</c>) on the TaskTokens table, checked against the requests.</summary>
    public DynamoDbSystemTaskInbox SystemTasks(TimeProvider time) => new(client, options, Requests, TaskTokens, time);
}
