using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.WebConsole.Backends;

/// <summary>
/// What the console reads and acts on: the running local host (<see cref="Local"/>) or a deployed stack (its DynamoDB
/// tables to read, its HTTP API to act through; built by <c>gdpr serve --aws</c>). Pages see only this, so the same
/// page works over either.
/// </summary>
public sealed class ConsoleBackend
{
    public required IRequestStore Requests { get; init; }

    public required AuditLedger Audit { get; init; }

    public required IAuditHistoryStore AuditHistory { get; init; }

    /// <summary>The subject hasher; null where subjects cannot be hashed from here (see <see cref="HasherUnavailable"/>).</summary>
    public ISubjectHasher? Hasher { get; init; }

    /// <summary>Why subjects cannot be searched, shown on the page when <see cref="Hasher"/> is null.</summary>
    public string HasherUnavailable { get; init; } = "Subjects cannot be looked up here.";

    /// <summary>The systems registry; null when not known here (pages then show the systems each request lists).</summary>
    public SystemRegistry? Registry { get; init; }

    /// <summary>Where <see cref="Registry"/> came from (a file, or the stack's SSM path), or why there is none; shown on the deployed banner.</summary>
    public string? RegistrySource { get; init; }

    /// <summary>Against a deployed stack: its async systems' open tasks (the TaskTokens table's inbox items); null locally (the host's inbox is used).</summary>
    public ISystemTaskInbox? SystemTasks { get; init; }

    public required ErasureDeadlines Deadlines { get; init; }

    public required StatusService Status { get; init; }

    public required HistoryService History { get; init; }

    /// <summary>The officers' actions on a request.</summary>
    public required IConsoleActions Actions { get; init; }

    /// <summary>The read commands the audit and report pages run (<c>audit verify</c>, <c>export</c>, <c>report</c>).</summary>
    public required IConsoleCli Cli { get; init; }

    /// <summary>The local host's own features (task inbox, delivered replies); null against a deployed stack.</summary>
    public LocalHost? Host { get; init; }

    /// <summary>Against a deployed stack: its API URL; null locally.</summary>
    public string? Deployed { get; init; }

    /// <summary>Against a deployed stack: which one (shown on every page as a banner); null locally.</summary>
    public DeployedStack? Stack { get; init; }

    public bool IsDeployed => Host is null;

    /// <summary>The running local host, its actions being the CLI's own commands run on it (today's behaviour).</summary>
    public static ConsoleBackend Local(LocalHost host, IConsoleCli cli)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(cli);
        return new ConsoleBackend
        {
            Requests = host.Stores.Requests,
            Audit = host.Services.Audit,
            AuditHistory = host.Stores.AuditHistory,
            Hasher = host.Services.Hasher,
            Registry = host.Services.Registry,
            Deadlines = host.Services.Deadlines,
            Status = host.Services.Status,
            History = host.Services.History,
            Actions = new CliConsoleActions(cli),
            Cli = cli,
            Host = host,
        };
    }
}
