using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Stores.Sqlite;
using Gdpr.Workflows.Stores.Tests.Contracts;
using Gdpr.Workflows.Stores.Tests.Support;

namespace Gdpr.Workflows.Stores.Tests.Sqlite;

/// <summary>The SQLite stores, each test on a fresh temporary file, against the shared contracts.</summary>
public sealed class SqliteAuditLedgerStoreContractTests : AuditLedgerStoreContract, IDisposable
{
    private readonly TempSqliteDatabase _file = new();

    public void Dispose() => _file.Dispose();

    protected override Task<IAuditLedgerStore> CreateStoreAsync() => Task.FromResult<IAuditLedgerStore>(new SqliteAuditLedgerStore(_file.Database));
}

public sealed class SqliteAuditHistoryStoreContractTests : AuditHistoryStoreContract, IDisposable
{
    private readonly TempSqliteDatabase _file = new();

    public void Dispose() => _file.Dispose();

    protected override Task<(IAuditLedgerStore Ledger, IAuditHistoryStore History)> CreateStoresAsync()
    {
        var store = new SqliteAuditLedgerStore(_file.Database);
        return Task.FromResult<(IAuditLedgerStore, IAuditHistoryStore)>((store, store));
    }
}

public sealed class SqliteSubjectVaultStoreContractTests : SubjectVaultStoreContract, IDisposable
{
    private readonly TempSqliteDatabase _file = new();

    public void Dispose() => _file.Dispose();

    protected override Task<ISubjectVaultStore> CreateStoreAsync() => Task.FromResult<ISubjectVaultStore>(new SqliteSubjectVaultStore(_file.Database));
}

public sealed class SqliteRequestStoreContractTests : RequestStoreContract, IDisposable
{
    private readonly TempSqliteDatabase _file = new();

    public void Dispose() => _file.Dispose();

    protected override Task<IRequestStore> CreateStoreAsync() => Task.FromResult<IRequestStore>(new SqliteRequestStore(_file.Database));
}

public sealed class SqliteTaskTokenStoreContractTests : TaskTokenStoreContract, IDisposable
{
    private readonly TempSqliteDatabase _file = new();

    public void Dispose() => _file.Dispose();

    protected override Task<ITaskTokenStore> CreateStoreAsync() => Task.FromResult<ITaskTokenStore>(new SqliteTaskTokenStore(_file.Database));
}
