using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.Stores.Tests.Contracts;
using Gdpr.Workflows.Stores.Tests.Support;

namespace Gdpr.Workflows.Stores.Tests.DynamoDb;

/// <summary>The DynamoDB stores on moto_server, each test on its own tables created from template.yaml.</summary>
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
        _tables = await DynamoDbTestTables.OnMotoAsync(moto);
        return new DynamoDbAuditLedgerStore(_tables.Client, _tables.Options);
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
        _tables = await DynamoDbTestTables.OnMotoAsync(moto);
        return new DynamoDbSubjectVaultStore(_tables.Client, _tables.Options);
    }
}

/// <summary>The same contracts against a real DynamoDB endpoint (GDPR_DYNAMODB_ENDPOINT, AWS credentials from the environment); skipped when unset.</summary>
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
        _tables = await DynamoDbTestTables.OnRealEndpointAsync();
        return new DynamoDbAuditLedgerStore(_tables.Client, _tables.Options);
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
        _tables = await DynamoDbTestTables.OnRealEndpointAsync();
        return new DynamoDbSubjectVaultStore(_tables.Client, _tables.Options);
    }
}
