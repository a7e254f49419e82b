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

public sealed class SqliteSubjectVaultStoreContractTests : SubjectVaultStoreContract, IDisposable
{
    private readonly TempSqliteDatabase _file = new();

    public void Dispose() => _file.Dispose();

    protected override Task<ISubjectVaultStore> CreateStoreAsync() => Task.FromResult<ISubjectVaultStore>(new SqliteSubjectVaultStore(_file.Database));
}
