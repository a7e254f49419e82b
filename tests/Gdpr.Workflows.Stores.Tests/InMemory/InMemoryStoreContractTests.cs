using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Stores.Tests.Contracts;

namespace Gdpr.Workflows.Stores.Tests.InMemory;

/// <summary>The in-memory stores (Gdpr.Workflows.Erasure.Ports) against the shared contracts: the reference behaviour.</summary>
public sealed class InMemoryAuditLedgerStoreContractTests : AuditLedgerStoreContract
{
    protected override Task<IAuditLedgerStore> CreateStoreAsync() => Task.FromResult<IAuditLedgerStore>(new InMemoryAuditLedgerStore());
}

public sealed class InMemoryAuditHistoryStoreContractTests : AuditHistoryStoreContract
{
    protected override Task<(IAuditLedgerStore Ledger, IAuditHistoryStore History)> CreateStoresAsync()
    {
        var store = new InMemoryAuditLedgerStore();
        return Task.FromResult<(IAuditLedgerStore, IAuditHistoryStore)>((store, store));
    }
}

public sealed class InMemorySubjectVaultStoreContractTests : SubjectVaultStoreContract
{
    protected override Task<ISubjectVaultStore> CreateStoreAsync() => Task.FromResult<ISubjectVaultStore>(new InMemorySubjectVaultStore());
}

public sealed class InMemoryRequestStoreContractTests : RequestStoreContract
{
    protected override Task<IRequestStore> CreateStoreAsync() => Task.FromResult<IRequestStore>(new InMemoryRequestStore());
}

public sealed class InMemoryTaskTokenStoreContractTests : TaskTokenStoreContract
{
    protected override Task<ITaskTokenStore> CreateStoreAsync() => Task.FromResult<ITaskTokenStore>(new InMemoryTaskTokenStore());
}
