namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>
/// The table names and retention settings of the DynamoDB stores. In a Lambda, <see cref="FromEnvironment"/>
/// reads what template.yaml's Globals pass every function.
/// </summary>
public sealed class DynamoDbStoreOptions
{
    public required string RequestsTable { get; init; }

    public required string AuditTable { get; init; }

    public required string VaultTable { get; init; }

    public required string TaskTokensTable { get; init; }

    /// <summary>How long an audit event is kept before TTL removes it (template parameter AuditRetentionDays).</summary>
    public TimeSpan AuditRetention { get; init; } = TimeSpan.FromDays(2190);

    /// <summary>TTL of vault entries, a safety net behind shredding (template parameter VaultSafetyNetDays).</summary>
    public TimeSpan VaultSafetyNet { get; init; } = TimeSpan.FromDays(100);

    /// <summary>
    /// The same four tables with a common prefix (tests, or one account hosting several stages):
    /// <c>{prefix}Requests</c>, <c>{prefix}Audit</c>, <c>{prefix}Vault</c>, <c>{prefix}TaskTokens</c>.
    /// </summary>
    public static DynamoDbStoreOptions WithPrefix(string prefix) => new()
    {
        RequestsTable = prefix + "Requests",
        AuditTable = prefix + "Audit",
        VaultTable = prefix + "Vault",
        TaskTokensTable = prefix + "TaskTokens",
    };

    /// <summary>
    /// Reads REQUESTS_TABLE, AUDIT_TABLE, VAULT_TABLE, TASK_TOKENS_TABLE and, when set, AUDIT_RETENTION_DAYS
    /// and VAULT_SAFETY_NET_DAYS; a missing table name is an error naming the variable.
    /// </summary>
    public static DynamoDbStoreOptions FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        string Required(string name) => read(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Environment variable {name} is not set; template.yaml passes it to every function.");
        TimeSpan Days(string name, TimeSpan fallback) => read(name) is { Length: > 0 } text
            ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days > 0
                ? TimeSpan.FromDays(days)
                : throw new InvalidOperationException($"Environment variable {name} must be a whole number of days, not '{text}'.")
            : fallback;

        var defaults = new DynamoDbStoreOptions { RequestsTable = "-", AuditTable = "-", VaultTable = "-", TaskTokensTable = "-" };
        return new DynamoDbStoreOptions
        {
            RequestsTable = Required("REQUESTS_TABLE"),
            AuditTable = Required("AUDIT_TABLE"),
            VaultTable = Required("VAULT_TABLE"),
            TaskTokensTable = Required("TASK_TOKENS_TABLE"),
            AuditRetention = Days("AUDIT_RETENTION_DAYS", defaults.AuditRetention),
            VaultSafetyNet = Days("VAULT_SAFETY_NET_DAYS", defaults.VaultSafetyNet),
        };
    }
}
