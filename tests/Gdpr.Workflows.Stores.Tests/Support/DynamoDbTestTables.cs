using Amazon.DynamoDBv2;
using Gdpr.Workflows.Stores.DynamoDb;

namespace Gdpr.Workflows.Stores.Tests.Support;

/// <summary>
/// The template's tables under a prefix unique to one test, created on moto or on the endpoint named by
/// GDPR_DYNAMODB_ENDPOINT, and deleted afterwards.
/// </summary>
public sealed class DynamoDbTestTables : IAsyncDisposable
{
    private DynamoDbTestTables(IAmazonDynamoDB client, string prefix, DynamoDbStoreOptions options)
    {
        Client = client;
        Prefix = prefix;
        Options = options;
    }

    public IAmazonDynamoDB Client { get; }

    public string Prefix { get; }

    public DynamoDbStoreOptions Options { get; }

    public static Task<DynamoDbTestTables> OnMotoAsync(MotoServerFixture moto) => CreateAsync(moto.CreateClient());

    public static Task<DynamoDbTestTables> OnRealEndpointAsync() =>
        CreateAsync(DynamoDbClients.Create(Environment.GetEnvironmentVariable(DynamoDbClients.RealEndpointVariable)
            ?? throw new InvalidOperationException($"{DynamoDbClients.RealEndpointVariable} is not set.")));

    public async ValueTask DisposeAsync()
    {
        await TemplateTables.DeleteAsync(Client, Prefix);
        Client.Dispose();
    }

    private static async Task<DynamoDbTestTables> CreateAsync(IAmazonDynamoDB client)
    {
        var prefix = $"gdpr-test-{Guid.NewGuid():N}"[..22] + "-";
        try
        {
            return new DynamoDbTestTables(client, prefix, await TemplateTables.CreateAsync(client, prefix));
        }
        catch
        {
            await TemplateTables.DeleteAsync(client, prefix);
            client.Dispose();
            throw;
        }
    }
}
