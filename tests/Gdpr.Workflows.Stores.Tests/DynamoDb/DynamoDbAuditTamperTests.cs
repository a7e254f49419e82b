using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.Stores.Tests.Contracts;
using Gdpr.Workflows.Stores.Tests.Support;

namespace Gdpr.Workflows.Stores.Tests.DynamoDb;

/// <summary>
/// The tamper matrix on the template's tables on moto_server, edited with plain PutItem, DeleteItem and UpdateItem calls
/// of the SDK (what a role with write access to the tables could do).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class DynamoDbAuditTamperTests(MotoServerFixture moto) : AuditTamperMatrix
{
    private DynamoDbTestTables _tables = null!;

    public override async Task DisposeAsync() => await _tables.DisposeAsync();

    protected override async Task<(IRequestStore Requests, IAuditLedgerStore Ledger)> CreateStoresAsync()
    {
        _tables = await DynamoDbTestTables.OnMotoAsync(moto);
        return (new DynamoDbRequestStore(_tables.StoreClient, _tables.Options), new DynamoDbAuditLedgerStore(_tables.StoreClient, _tables.Options));
    }

    protected override Task WriteRawAsync(AuditEvent auditEvent) =>
        _tables.Client.PutItemAsync(new PutItemRequest { TableName = _tables.Options.AuditTable, Item = AuditItems.ToItem(auditEvent, _tables.Options.AuditRetention) });

    protected override Task DeleteEventAsync(string requestId, long sequence) =>
        _tables.Client.DeleteItemAsync(new DeleteItemRequest { TableName = _tables.Options.AuditTable, Key = AuditItems.Key(requestId, sequence) });

    protected override Task SetAnchorAsync(string requestId, AuditChainHead? head) =>
        _tables.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = _tables.Options.RequestsTable,
            Key = new() { ["requestId"] = Attr.S(requestId) },
            UpdateExpression = head is null ? "REMOVE auditHeadSeq, auditHeadHash" : "SET auditHeadSeq = :s, auditHeadHash = :h",
            ExpressionAttributeValues = head is null ? null : new() { [":s"] = Attr.N(head.Sequence), [":h"] = Attr.S(head.Hash) },
        });

    protected override Task DeleteRequestAsync(string requestId) =>
        _tables.Client.DeleteItemAsync(new DeleteItemRequest { TableName = _tables.Options.RequestsTable, Key = new() { ["requestId"] = Attr.S(requestId) } });
}
