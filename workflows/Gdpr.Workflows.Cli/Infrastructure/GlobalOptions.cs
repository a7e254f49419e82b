using System.CommandLine;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>Options every command takes.</summary>
public sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print the result as one JSON object (errors too: {\"error\": ...}).", Recursive = true };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Log what the engine and the functions do to stderr, a line per step, each with its request id.", Recursive = true };

    public Option<string?> Home { get; } = new("--home") { Description = "The data directory (default: $GDPR_HOME, else ~/.gdpr-workflows).", Recursive = true, HelpName = "dir" };

    public Option<string?> Template { get; } = new("--template") { Description = "The SAM template to run locally (default: template.yaml of the repository around the current directory).", Recursive = true, HelpName = "path" };

    public Option<string?> Registry { get; } = new("--registry") { Description = "The systems registry (default: samples/systems.yaml beside the template).", Recursive = true, HelpName = "path" };

    public Option<string?> Officer { get; } = new("--officer") { Description = "Who you are, recorded in the audit trail (default: $USER).", Recursive = true, HelpName = "id" };

    public Option<string?> Store { get; } = new("--store") { Description = "Where the local installation keeps requests, audit trail, vault and task tokens: sqlite (in the data directory) or dynamodb (the stack's tables; see --endpoint, --table-prefix). Default: $GDPR_STORE, else sqlite.", Recursive = true, HelpName = "sqlite|dynamodb" };

    public Option<bool> Aws { get; } = new("--aws") { Description = "Read the deployed stack's DynamoDB tables instead of the local installation (status, list, history, export, audit, report; serve --aws --api-url URL: the console over the stack).", Recursive = true };

    public Option<string?> Region { get; } = new("--region") { Description = "AWS region for --aws and --store dynamodb (default: $AWS_REGION).", Recursive = true };

    public Option<string?> Profile { get; } = new("--profile") { Description = "AWS profile for --aws and --store dynamodb (default: $AWS_ACCESS_KEY_ID/$AWS_SECRET_ACCESS_KEY, $AWS_PROFILE, else the default credentials).", Recursive = true };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "DynamoDB endpoint URL for --aws and --store dynamodb, e.g. http://127.0.0.1:5000 for moto_server or DynamoDB Local (default: $GDPR_DYNAMODB_ENDPOINT, else AWS's).", Recursive = true, HelpName = "url" };

    public Option<string?> TablePrefix { get; } = new("--table-prefix") { Description = "For --aws and --store dynamodb: the tables are <prefix>Requests, <prefix>Audit, <prefix>Vault, <prefix>TaskTokens (default: $GDPR_TABLE_PREFIX, else the names in $REQUESTS_TABLE, $AUDIT_TABLE, $VAULT_TABLE, $TASK_TOKENS_TABLE, from the stack outputs).", Recursive = true };

    public IEnumerable<Option> All => [Json, Verbose, Home, Template, Registry, Officer, Store, Aws, Region, Profile, Endpoint, TablePrefix];
}
