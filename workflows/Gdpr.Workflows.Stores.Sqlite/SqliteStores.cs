using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>
/// Every erasure port on one SQLite file: what the local engine and the CLI use.
/// <code>
/// using var stores = SqliteStores.Open(LocalDataDirectory.StoresFile());
/// await stores.Requests.CreateAsync(request);
/// var ledger = new AuditLedger(stores.Audit, TimeProvider.System);
/// </code>
/// </summary>
public sealed class SqliteStores : IDisposable
{
    private SqliteStores(SqliteStoreDatabase database)
    {
        Database = database;
        Requests = new SqliteRequestStore(database);
        Audit = new SqliteAuditLedgerStore(database);
        Vault = new SqliteSubjectVaultStore(database);
        TaskTokens = new SqliteTaskTokenStore(database);
    }

    public SqliteStoreDatabase Database { get; }

    public SqliteRequestStore Requests { get; }

    /// <summary>The audit ledger; also <see cref="IAuditHistoryStore"/>.</summary>
    public SqliteAuditLedgerStore Audit { get; }

    public SqliteSubjectVaultStore Vault { get; }

    public SqliteTaskTokenStore TaskTokens { get; }

    public static SqliteStores Open(string path, SqliteStoreOptions? options = null) => new(SqliteStoreDatabase.Open(path, options));

    /// <summary>Opens <see cref="LocalDataDirectory.StoresFile"/>.</summary>
    public static SqliteStores OpenDefault(SqliteStoreOptions? options = null) => new(SqliteStoreDatabase.OpenDefault(options));

    /// <summary>
    /// The bulk path (imports, benchmarks): creates the requests and appends the events in ONE transaction,
    /// each checked as the single calls check it, so the whole batch lands or none of it.
    /// </summary>
    public (IReadOnlyList<CreateRequestResult> Requests, IReadOnlyList<AuditAppendResult> Events) ImportBatch(
        IReadOnlyList<ErasureRequest> requests, IReadOnlyList<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var request in requests)
        {
            RequestDocument.CheckNew(request);
        }

        return Database.Write(session => (
            (IReadOnlyList<CreateRequestResult>)requests.Select(r => SqliteRequestStore.Create(session, r)).ToList(),
            (IReadOnlyList<AuditAppendResult>)events.Select(e => SqliteAuditLedgerStore.Append(session, e ?? throw new ArgumentException("The batch holds a null event.", nameof(events)))).ToList()));
    }

    public void Dispose() => Database.Dispose();
}
