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

    public Option<bool> Aws { get; } = new("--aws") { Description = "Work on the deployed stack (DynamoDB tables, Step Functions) instead of the local data directory.", Recursive = true };

    public Option<string?> Region { get; } = new("--region") { Description = "AWS region for --aws (default: $AWS_REGION).", Recursive = true };

    public Option<string?> Profile { get; } = new("--profile") { Description = "AWS profile for --aws (default: $AWS_PROFILE, else the default credentials).", Recursive = true };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "AWS endpoint URL for --aws (e.g. a local moto server).", Recursive = true, HelpName = "url" };

    public Option<string?> TablePrefix { get; } = new("--table-prefix") { Description = "For --aws: the tables are <prefix>Requests, <prefix>Audit, <prefix>Vault, <prefix>TaskTokens (default: the names in $REQUESTS_TABLE, $AUDIT_TABLE, $VAULT_TABLE, $TASK_TOKENS_TABLE, from the stack outputs).", Recursive = true };

    public IEnumerable<Option> All => [Json, Verbose, Home, Template, Registry, Officer, Aws, Region, Profile, Endpoint, TablePrefix];
}
