using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.Stores.Tests.Contracts;
using Gdpr.Workflows.Stores.Tests.Support;

namespace Gdpr.Workflows.Stores.Tests.DynamoDb;

// Each test gets its own tables, created from template.yaml: on moto_server (collection fixture), or on the
// endpoint named by GDPR_DYNAMODB_ENDPOINT (AWS credentials from the environment; skipped when unset).
// Every contract runs twice per target: the stores on the AWS SDK's client, and on the lean HttpDynamoDbClient
// the functions use. The abstract classes below hold the wiring; the sealed ones only pick target and client.

/// <summary>Where a contract's tables live and which client the stores use.</summary>
public sealed class DynamoDbTestTarget
{
    private readonly MotoServerFixture? _moto;

    private DynamoDbTestTarget(MotoServerFixture? moto, DynamoDbClientKind client)
    {
        _moto = moto;
        Client = client;
    }

    public DynamoDbClientKind Client { get; }

    /// <summary>A real endpoint: its global secondary indexes are eventually consistent.</summary>
    public bool IsReal => _moto is null;

    public static DynamoDbTestTarget Moto(MotoServerFixture moto, DynamoDbClientKind client) => new(moto, client);

    public static DynamoDbTestTarget Real(DynamoDbClientKind client) => new(null, client);

    public Task<DynamoDbTestTables> CreateTablesAsync() =>
        _moto is null ? DynamoDbTestTables.OnRealEndpointAsync(Client) : DynamoDbTestTables.OnMotoAsync(_moto, Client);

    public Task SettleIndexesAsync() => IsReal ? Task.Delay(TimeSpan.FromSeconds(3)) : Task.CompletedTask;
}

public abstract class DynamoDbAuditLedgerStoreContractTests(DynamoDbTestTarget target) : AuditLedgerStoreContract
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
        var t = _tables = await target.CreateTablesAsync();
        return new DynamoDbAuditLedgerStore(t.StoreClient, t.Options);
    }
}

public abstract class DynamoDbAuditHistoryStoreContractTests(DynamoDbTestTarget target) : AuditHistoryStoreContract
{
    private DynamoDbTestTables? _tables;

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override Task SettleIndexesAsync() => target.SettleIndexesAsync();

    protected override async Task<(IAuditLedgerStore Ledger, IAuditHistoryStore History)> CreateStoresAsync()
    {
        var t = _tables = await target.CreateTablesAsync();
        var store = new DynamoDbAuditLedgerStore(t.StoreClient, t.Options);
        return (store, store);
    }
}

public abstract class DynamoDbSubjectVaultStoreContractTests(DynamoDbTestTarget target) : SubjectVaultStoreContract
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
        var t = _tables = await target.CreateTablesAsync();
        return new DynamoDbSubjectVaultStore(t.StoreClient, t.Options);
    }
}

public abstract class DynamoDbRequestStoreContractTests(DynamoDbTestTarget target) : RequestStoreContract
{
    private DynamoDbTestTables? _tables;

    public override async Task DisposeAsync()
    {
        if (_tables is not null)
        {
            await _tables.DisposeAsync();
        }
    }

    protected override Task SettleIndexesAsync() => target.SettleIndexesAsync();

    protected override async Task<IRequestStore> CreateStoreAsync()
    {
        var t = _tables = await target.CreateTablesAsync();
        return new DynamoDbRequestStore(t.StoreClient, t.Options);
    }
}

public abstract class DynamoDbTaskTokenStoreContractTests(DynamoDbTestTarget target) : TaskTokenStoreContract
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
        var t = _tables = await target.CreateTablesAsync();
        return new DynamoDbTaskTokenStore(t.StoreClient, t.Options);
    }
}

// On moto_server, SDK client.

[Collection(MotoCollection.Name)]
public sealed class SdkDynamoDbAuditLedgerStoreContractTests(MotoServerFixture moto)
    : DynamoDbAuditLedgerStoreContractTests(DynamoDbTestTarget.Moto(moto, DynamoDbClientKind.Sdk));

[Collection(MotoCollection.Name)]
public sealed class SdkDynamoDbAuditHistoryStoreContractTests(MotoServerFixture moto)
    : DynamoDbAuditHistoryStoreContractTests(DynamoDbTestTarget.Moto(moto, DynamoDbClientKind.Sdk));

[Collection(MotoCollection.Name)]
public sealed class SdkDynamoDbSubjectVaultStoreContractTests(MotoServerFixture moto)
    : DynamoDbSubjectVaultStoreContractTests(DynamoDbTestTarget.Moto(moto, DynamoDbClientKind.Sdk));

[Collection(MotoCollection.Name)]
public sealed class SdkDynamoDbRequestStoreContractTests(MotoServerFixture moto)
    : DynamoDbRequestStoreContractTests(DynamoDbTestTarget.Moto(moto, DynamoDbClientKind.Sdk));

[Collection(MotoCollection.Name)]
public sealed class SdkDynamoDbTaskTokenStoreContractTests(MotoServerFixture moto)
    : DynamoDbTaskTokenStoreContractTests(DynamoDbTestTarget.Moto(moto, DynamoDbClientKind.Sdk));

// On moto_server, lean client.

[Collection(MotoCollection.Name)]
public sealed class HttpDynamoDbAuditLedgerStoreContractTests(MotoServerFixture moto)
    : DynamoDbAuditLedgerStoreContractTests(DynamoDbTestTarget.Moto(moto, DynamoDbClientKind.Http));

[Collection(MotoCollection.Name)]
public sealed class HttpDynamoDbAuditHistoryStoreContractTests(MotoServerFixture moto)
    : DynamoDbAuditHistoryStoreContractTests(DynamoDbTestTarget.Moto(moto, DynamoDbClientKind.Http));

[Collection(MotoCollection.Name)]
public sealed class HttpDynamoDbSubjectVaultStoreContractTests(MotoServerFixture moto)
    : DynamoDbSubjectVaultStoreContractTests(DynamoDbTestTarget.Moto(moto, DynamoDbClientKind.Http));

[Collection(MotoCollection.Name)]
public sealed class HttpDynamoDbRequestStoreContractTests(MotoServerFixture moto)
    : DynamoDbRequestStoreContractTests(DynamoDbTestTarget.Moto(moto, DynamoDbClientKind.Http));

[Collection(MotoCollection.Name)]
public sealed class HttpDynamoDbTaskTokenStoreContractTests(MotoServerFixture moto)
    : DynamoDbTaskTokenStoreContractTests(DynamoDbTestTarget.Moto(moto, DynamoDbClientKind.Http));

// On the real endpoint named by GDPR_DYNAMODB_ENDPOINT, both clients.

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealSdkDynamoDbAuditLedgerStoreContractTests() : DynamoDbAuditLedgerStoreContractTests(DynamoDbTestTarget.Real(DynamoDbClientKind.Sdk));

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealSdkDynamoDbAuditHistoryStoreContractTests() : DynamoDbAuditHistoryStoreContractTests(DynamoDbTestTarget.Real(DynamoDbClientKind.Sdk));

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealSdkDynamoDbSubjectVaultStoreContractTests() : DynamoDbSubjectVaultStoreContractTests(DynamoDbTestTarget.Real(DynamoDbClientKind.Sdk));

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealSdkDynamoDbRequestStoreContractTests() : DynamoDbRequestStoreContractTests(DynamoDbTestTarget.Real(DynamoDbClientKind.Sdk));

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealSdkDynamoDbTaskTokenStoreContractTests() : DynamoDbTaskTokenStoreContractTests(DynamoDbTestTarget.Real(DynamoDbClientKind.Sdk));

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealHttpDynamoDbAuditLedgerStoreContractTests() : DynamoDbAuditLedgerStoreContractTests(DynamoDbTestTarget.Real(DynamoDbClientKind.Http));

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealHttpDynamoDbAuditHistoryStoreContractTests() : DynamoDbAuditHistoryStoreContractTests(DynamoDbTestTarget.Real(DynamoDbClientKind.Http));

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealHttpDynamoDbSubjectVaultStoreContractTests() : DynamoDbSubjectVaultStoreContractTests(DynamoDbTestTarget.Real(DynamoDbClientKind.Http));

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealHttpDynamoDbRequestStoreContractTests() : DynamoDbRequestStoreContractTests(DynamoDbTestTarget.Real(DynamoDbClientKind.Http));

[SkipUnlessEnvironment(DynamoDbClients.RealEndpointVariable)]
public sealed class RealHttpDynamoDbTaskTokenStoreContractTests() : DynamoDbTaskTokenStoreContractTests(DynamoDbTestTarget.Real(DynamoDbClientKind.Http));
