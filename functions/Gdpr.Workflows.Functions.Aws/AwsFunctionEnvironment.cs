using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.Stores.DynamoDb.Http;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// What every function's Program.cs builds from the variables template.yaml's Globals pass (REQUESTS_TABLE, AUDIT_TABLE,
/// VAULT_TABLE, TASK_TOKENS_TABLE, STAGE, ...): one DynamoDB client and the stores on it, the audit ledger, the UK
/// deadline rules and the clock. Building it makes no network call. The client is <see cref="HttpDynamoDbClient"/>, not the
/// AWS SDK's: its first call costs a Native AOT cold start far less (no SDK request pipeline to initialise).
/// </summary>
public sealed class AwsFunctionEnvironment
{
    private readonly Func<string, string?> _read;
    private readonly Lazy<ErasureDeadlines> _deadlines;

    private AwsFunctionEnvironment(DynamoDbStores stores, string stage, Func<string, string?> read)
    {
        Stores = stores;
        Stage = stage;
        _read = read;
        Audit = new AuditLedger(stores.Audit, Time);
        _deadlines = new(() => ErasureDeadlines.For(ClockSettingsReader.FromEnvironment(read)));
    }

    public TimeProvider Time { get; } = TimeProvider.System;

    public DynamoDbStores Stores { get; }

    public AuditLedger Audit { get; }

    /// <summary>
    /// The UK deadline rules with the controller's clock settings (JURISDICTION, TRUSTED_CHANNELS, IDENTITY_REMINDER_DAYS,
    /// IDENTITY_CLOSE_DAYS, OFFICER_ESCALATION_DAYS, CLARIFICATION_PAUSE from template.yaml's parameters), built on first
    /// use: the time zone costs a cold start time, and only some functions count days.
    /// </summary>
    public ErasureDeadlines Deadlines => _deadlines.Value;

    /// <summary>The deployment stage (STAGE): dev, test or prod.</summary>
    public string Stage { get; }

    /// <param name="read">Reads an environment variable; the process environment by default.</param>
    public static AwsFunctionEnvironment FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        var options = DynamoDbStoreOptions.FromEnvironment(read);
        return new AwsFunctionEnvironment(new DynamoDbStores(HttpDynamoDbClient.FromEnvironment(read), options), Required(read, "STAGE"), read);
    }

    /// <summary>A variable of this function's environment that template.yaml sets; a missing one is an init error naming it.</summary>
    public string Variable(string name) => Required(_read, name);

    /// <summary>A variable the function's template entry sets; a missing one is an init error naming it.</summary>
    public static string Required(Func<string, string?> read, string name) =>
        read(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Environment variable {name} is not set; template.yaml sets it for this function.");
}
