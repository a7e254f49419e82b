using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Stores.DynamoDb;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>The deployed stack (--aws): the template's DynamoDB tables, with the region, profile and endpoint given.</summary>
public static class AwsBackend
{
    public static ReadSession OpenRead(CommandContext context)
    {
        var (stores, client) = OpenTables(context);
        return new ReadSession(stores.Requests, stores.Audit, stores.Audit, hasher: null, context.Environment.Time, () =>
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    public static string Region(CommandContext context) =>
        context.Value(context.Globals.Region) is { Length: > 0 } region ? region
        : context.Environment.Variables("AWS_REGION") is { Length: > 0 } fromEnv ? fromEnv
        : context.Environment.Variables("AWS_DEFAULT_REGION") is { Length: > 0 } fallback ? fallback
        : throw CliException.BadInput("No AWS region for --aws or --store dynamodb.", "Pass --region (e.g. eu-west-2) or set AWS_REGION.");

    public static AWSCredentials Credentials(CommandContext context)
    {
        try
        {
            return context.Value(context.Globals.Profile) is { Length: > 0 } profile
                ? AwsCredentialsResolver.FromProfile(profile)
                : AwsCredentialsResolver.Resolve(context.Environment.Variables);
        }
        catch (Exception e) when (e is InvalidOperationException or AmazonClientException)
        {
            throw CliException.BadInput($"No AWS credentials: {e.Message}", "Pass --profile, or set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
        }
    }

    /// <summary>The stack's table names: --table-prefix/$GDPR_TABLE_PREFIX, else REQUESTS_TABLE, AUDIT_TABLE, VAULT_TABLE and TASK_TOKENS_TABLE.</summary>
    public static DynamoDbStoreOptions TableOptions(CommandContext context)
    {
        try
        {
            return TablePrefix(context) is { } prefix
                ? DynamoDbStoreOptions.WithPrefix(prefix)
                : DynamoDbStoreOptions.FromEnvironment(context.Environment.Variables);
        }
        catch (InvalidOperationException e)
        {
            throw CliException.BadInput(e.Message, "Pass --table-prefix (or set GDPR_TABLE_PREFIX), or set REQUESTS_TABLE, AUDIT_TABLE, VAULT_TABLE and TASK_TOKENS_TABLE from the stack's outputs.");
        }
    }

    /// <summary>The table prefix given (--table-prefix or $GDPR_TABLE_PREFIX), or null when the names come one by one.</summary>
    public static string? TablePrefix(CommandContext context) =>
        (context.Value(context.Globals.TablePrefix) ?? context.Environment.Variables(StoreSelection.TablePrefixVariable)) is { Length: > 0 } prefix ? prefix : null;

    /// <summary>The stack's tables: --endpoint/$GDPR_DYNAMODB_ENDPOINT, --region, credentials and table names from the command line and environment.</summary>
    public static (DynamoDbStores Stores, AmazonDynamoDBClient Client) OpenTables(CommandContext context)
    {
        var region = Region(context);
        var config = new AmazonDynamoDBConfig { HttpClientFactory = context.Environment.AwsHttpClientFactory };
        if ((context.Value(context.Globals.Endpoint) ?? context.Environment.Variables(StoreSelection.EndpointVariable)) is { Length: > 0 } endpoint)
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        var options = TableOptions(context);
        var client = new AmazonDynamoDBClient(Credentials(context), config);
        return (new DynamoDbStores(client, options), client);
    }
}
