using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// Which stores the local installation runs on: SQLite in the data directory (the default), or DynamoDB tables
/// (<c>--store dynamodb</c> or <c>GDPR_STORE=dynamodb</c>; the endpoint, region, credentials and table names as for
/// --aws). With DynamoDB, the engine, the secrets (master key, pepper, API tokens) and the task inbox stay in the data
/// directory: every command, the engine's included, reads and writes the tables.
/// </summary>
public static class StoreSelection
{
    /// <summary>sqlite or dynamodb.</summary>
    public const string StoreVariable = "GDPR_STORE";

    /// <summary>The DynamoDB endpoint URL (moto_server, DynamoDB Local); unset for AWS's own.</summary>
    public const string EndpointVariable = "GDPR_DYNAMODB_ENDPOINT";

    /// <summary>The tables are &lt;prefix&gt;Requests, &lt;prefix&gt;Audit, &lt;prefix&gt;Vault, &lt;prefix&gt;TaskTokens.</summary>
    public const string TablePrefixVariable = "GDPR_TABLE_PREFIX";

    /// <summary>The stores to open the local host on; null for the default (SQLite in the data directory).</summary>
    public static Func<GdprHome, ErasureStores>? Stores(CommandContext context)
    {
        var name = context.Value(context.Globals.Store) ?? context.Environment.Variables(StoreVariable);
        switch (name?.Trim().ToLowerInvariant())
        {
            case null or "" or "sqlite":
                return null;
            case "dynamodb":
                var (tables, client) = AwsBackend.OpenTables(context);
                return _ => new ErasureStores(tables.Requests, tables.Audit, tables.Audit, tables.Vault, tables.TaskTokens, client);
            default:
                throw CliException.BadInput($"--store '{name}' is not sqlite or dynamodb.", $"Pass --store sqlite (the default) or --store dynamodb, or set {StoreVariable}.");
        }
    }
}
