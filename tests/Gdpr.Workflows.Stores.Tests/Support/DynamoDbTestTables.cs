using Amazon.DynamoDBv2;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.Stores.DynamoDb.Http;

namespace Gdpr.Workflows.Stores.Tests.Support;

/// <summary>
/// The template's tables under a prefix unique to one test, created on moto or on the endpoint named by
/// GDPR_DYNAMODB_ENDPOINT, and deleted afterwards.
/// </summary>
public sealed class DynamoDbTestTables : IAsyncDisposable
{
    private readonly HttpDynamoDbClient? _httpClient;

    private DynamoDbTestTables(IAmazonDynamoDB client, HttpDynamoDbClient? httpClient, string prefix, DynamoDbStoreOptions options)
    {
        Client = client;
        _httpClient = httpClient;
        StoreClient = httpClient is null ? new SdkDynamoDbClient(client) : httpClient;
        Prefix = prefix;
        Options = options;
    }

    /// <summary>The SDK's client, which created the tables (CreateTable is no store operation).</summary>
    public IAmazonDynamoDB Client { get; }

    /// <summary>The client the stores under test use: the SDK's (wrapped) or the lean one, as asked.</summary>
    public IDynamoDbClient StoreClient { get; }

    public string Prefix { get; }

    public DynamoDbStoreOptions Options { get; }

    public static Task<DynamoDbTestTables> OnMotoAsync(MotoServerFixture moto, DynamoDbClientKind kind = DynamoDbClientKind.Sdk) =>
        CreateAsync(moto.CreateClient(), kind == DynamoDbClientKind.Http ? moto.CreateHttpClient() : null);

    public static Task<DynamoDbTestTables> OnRealEndpointAsync(DynamoDbClientKind kind = DynamoDbClientKind.Sdk)
    {
        var endpoint = Environment.GetEnvironmentVariable(DynamoDbClients.RealEndpointVariable)
            ?? throw new InvalidOperationException($"{DynamoDbClients.RealEndpointVariable} is not set.");
        return CreateAsync(DynamoDbClients.Create(endpoint), kind == DynamoDbClientKind.Http ? DynamoDbClients.CreateHttp(endpoint) : null);
    }

    public async ValueTask DisposeAsync()
    {
        await TemplateTables.DeleteAsync(Client, Prefix);
        Client.Dispose();
        _httpClient?.Dispose();
    }

    private static async Task<DynamoDbTestTables> CreateAsync(IAmazonDynamoDB client, HttpDynamoDbClient? httpClient)
    {
        var prefix = $"gdpr-test-{Guid.NewGuid():N}"[..22] + "-";
        try
        {
            return new DynamoDbTestTables(client, httpClient, prefix, await TemplateTables.CreateAsync(client, prefix));
        }
        catch
        {
            await TemplateTables.DeleteAsync(client, prefix);
            client.Dispose();
            httpClient?.Dispose();
            throw;
        }
    }
}
