using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Stores.DynamoDb;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// The deployed stack's tables as --aws names them (prefix or one by one, and region), and what to say when DynamoDB
/// does not know one: a wrong --table-prefix or --region is a configuration error to fix, not a bug in gdpr.
/// </summary>
public sealed record StackTables(DynamoDbStoreOptions Names, string? Prefix, string Region)
{
    /// <summary>How to fix a table not found: the options that name the tables.</summary>
    public const string Hint =
        "Check --table-prefix (the stack's tables are <prefix>Requests, <prefix>Audit, <prefix>Vault and <prefix>TaskTokens; or set REQUESTS_TABLE, AUDIT_TABLE, VAULT_TABLE and TASK_TOKENS_TABLE) and --region (or AWS_REGION), and --endpoint if you use a stand-in.";

    public static StackTables Of(CommandContext context) => new(AwsBackend.TableOptions(context), AwsBackend.TablePrefix(context), AwsBackend.Region(context));

    /// <summary>How the tables are named, for the banner: the prefix, or the Requests table's name.</summary>
    public string Shown => Prefix is null ? Names.RequestsTable : Prefix + "*";

    /// <summary>The tables the console reads (the vault it never reads: actions go through the stack's API).</summary>
    public IReadOnlyList<string> Read => [Names.RequestsTable, Names.AuditTable, Names.TaskTokensTable];

    /// <summary>The message when <paramref name="table"/> (or, when null, one of <see cref="Read"/>) does not exist.</summary>
    public string Missing(string? table) =>
        (table is null ? $"A table of the deployed stack does not exist in region {Region} (the console reads {string.Join(", ", Read)})" : $"The deployed stack's table {table} does not exist in region {Region}")
        + (Prefix is null ? " (table names from REQUESTS_TABLE, AUDIT_TABLE, TASK_TOKENS_TABLE)." : $" (table prefix '{Prefix}').");

    /// <summary>
    /// Fails fast (exit 2) when a table the console reads does not exist. Other refusals (no dynamodb:DescribeTable in
    /// the officer's policy) are left for the pages, which read with GetItem and Query only.
    /// </summary>
    public async Task CheckAsync(IAmazonDynamoDB client, CancellationToken cancellationToken)
    {
        foreach (var table in Read)
        {
            try
            {
                await client.DescribeTableAsync(new DescribeTableRequest { TableName = table }, cancellationToken);
            }
            catch (ResourceNotFoundException)
            {
                throw CliException.BadInput(Missing(table), Hint);
            }
            catch (AmazonDynamoDBException)
            {
                // Not allowed to describe it, say: the pages say what reading it does.
            }
        }
    }
}
