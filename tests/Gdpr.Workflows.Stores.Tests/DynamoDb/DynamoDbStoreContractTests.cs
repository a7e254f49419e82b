using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.Stores.Tests.Contracts;
using Gdpr.Workflows.Stores.Tests.Support;

namespace Gdpr.Workflows.Stores.Tests.DynamoDb;

// Each test gets its own tables, created from template.yaml: on moto_server (collection fixture), or on the
// endpoint named by GDPR_DYNAMODB_ENDPOINT (AWS credentials from the environment; skipped when unset).

[Collection(MotoCollection.Name)]
public sealed class DynamoDbAuditLedgerStoreContractTests(MotoServerFixture moto) : AuditLedgerStoreContract
{
    private DynamoDbTestTables? _tables;

    protected override int EventsPerConcurrentWriter => 4;

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override async Task<IAuditLedgerStore> CreateStoreAsync()
    {
        var t = _tables = await DynamoDbTestTables.OnMotoAsync(moto);
        return new DynamoDbAuditLedgerStore(t.Client, t.Options);
    }
}

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealDynamoDbAuditLedgerStoreContractTests : AuditLedgerStoreContract
{
    private DynamoDbTestTables? _tables;

    protected override int EventsPerConcurrentWriter => 4;

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override async Task<IAuditLedgerStore> CreateStoreAsync()
    {
        var t = _tables = await DynamoDbTestTables.OnRealEndpointAsync();
        return new DynamoDbAuditLedgerStore(t.Client, t.Options);
    }
}

[Collection(MotoCollection.Name)]
public sealed class DynamoDbAuditHistoryStoreContractTests(MotoServerFixture moto) : AuditHistoryStoreContract
{
    private DynamoDbTestTables? _tables;

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override async Task<(IAuditLedgerStore Ledger, IAuditHistoryStore History)> CreateStoresAsync()
    {
        var t = _tables = await DynamoDbTestTables.OnMotoAsync(moto);
        return DynamoDbContractStores.Both(new DynamoDbAuditLedgerStore(t.Client, t.Options));
    }
}

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealDynamoDbAuditHistoryStoreContractTests : AuditHistoryStoreContract
{
    private DynamoDbTestTables? _tables;

    protected override Task SettleIndexesAsync() => Task.Delay(TimeSpan.FromSeconds(3));

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override async Task<(IAuditLedgerStore Ledger, IAuditHistoryStore History)> CreateStoresAsync()
    {
        var t = _tables = await DynamoDbTestTables.OnRealEndpointAsync();
        return DynamoDbContractStores.Both(new DynamoDbAuditLedgerStore(t.Client, t.Options));
    }
}

[Collection(MotoCollection.Name)]
public sealed class DynamoDbSubjectVaultStoreContractTests(MotoServerFixture moto) : SubjectVaultStoreContract
{
    private DynamoDbTestTables? _tables;

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override async Task<ISubjectVaultStore> CreateStoreAsync()
    {
        var t = _tables = await DynamoDbTestTables.OnMotoAsync(moto);
        return new DynamoDbSubjectVaultStore(t.Client, t.Options);
    }
}

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealDynamoDbSubjectVaultStoreContractTests : SubjectVaultStoreContract
{
    private DynamoDbTestTables? _tables;

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override async Task<ISubjectVaultStore> CreateStoreAsync()
    {
        var t = _tables = await DynamoDbTestTables.OnRealEndpointAsync();
        return new DynamoDbSubjectVaultStore(t.Client, t.Options);
    }
}

[Collection(MotoCollection.Name)]
public sealed class DynamoDbRequestStoreContractTests(MotoServerFixture moto) : RequestStoreContract
{
    private DynamoDbTestTables? _tables;

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override async Task<IRequestStore> CreateStoreAsync()
    {
        var t = _tables = await DynamoDbTestTables.OnMotoAsync(moto);
        return new DynamoDbRequestStore(t.Client, t.Options);
    }
}

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealDynamoDbRequestStoreContractTests : RequestStoreContract
{
    private DynamoDbTestTables? _tables;

    protected override Task SettleIndexesAsync() => Task.Delay(TimeSpan.FromSeconds(3));

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override async Task<IRequestStore> CreateStoreAsync()
    {
        var t = _tables = await DynamoDbTestTables.OnRealEndpointAsync();
        return new DynamoDbRequestStore(t.Client, t.Options);
    }
}

[Collection(MotoCollection.Name)]
public sealed class DynamoDbTaskTokenStoreContractTests(MotoServerFixture moto) : TaskTokenStoreContract
{
    private DynamoDbTestTables? _tables;

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override async Task<ITaskTokenStore> CreateStoreAsync()
    {
        var t = _tables = await DynamoDbTestTables.OnMotoAsync(moto);
        return new DynamoDbTaskTokenStore(t.Client, t.Options);
    }
}

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealDynamoDbTaskTokenStoreContractTests : TaskTokenStoreContract
{
    private DynamoDbTestTables? _tables;

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override async Task<ITaskTokenStore> CreateStoreAsync()
    {
        var t = _tables = await DynamoDbTestTables.OnRealEndpointAsync();
        return new DynamoDbTaskTokenStore(t.Client, t.Options);
    }
}

internal static class DynamoDbContractStores
{
    public static (IAuditLedgerStore Ledger, IAuditHistoryStore History) Both(DynamoDbAuditLedgerStore store) => (store, store);
}
