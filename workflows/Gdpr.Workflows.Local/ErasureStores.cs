using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Stores.Sqlite;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The erasure domain's stores a local host runs on: by default SQLite in the data directory (<see cref="Sqlite"/>);
/// any other implementation of the ports (the DynamoDB tables, with <c>gdpr --store dynamodb</c>) fits the same way.
/// </summary>
public sealed class ErasureStores(
    IRequestStore requests,
    IAuditLedgerStore audit,
    IAuditHistoryStore auditHistory,
    ISubjectVaultStore vault,
    ITaskTokenStore taskTokens,
    IDisposable? owner) : IDisposable
{
    public IRequestStore Requests { get; } = requests;

    public IAuditLedgerStore Audit { get; } = audit;

    /// <summary>The audit trail's queries by subject, day and system (auditors).</summary>
    public IAuditHistoryStore AuditHistory { get; } = auditHistory;

    public ISubjectVaultStore Vault { get; } = vault;

    public ITaskTokenStore TaskTokens { get; } = taskTokens;

    /// <summary>The SQLite stores in <paramref name="path"/> (created on first use).</summary>
    public static ErasureStores Sqlite(string path)
    {
        var stores = SqliteStores.Open(path);
        return new ErasureStores(stores.Requests, stores.Audit, stores.Audit, stores.Vault, stores.TaskTokens, stores);
    }

    /// <summary>Closes what the stores hold open (the database, the client).</summary>
    public void Dispose() => owner?.Dispose();
}
