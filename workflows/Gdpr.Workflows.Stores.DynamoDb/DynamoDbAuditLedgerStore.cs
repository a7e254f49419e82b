using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>
/// The audit ledger in the Audit table. An append is one TransactWriteItems: a conditional Put of the
/// event (its sequence must be free), a ConditionCheck that the previous sequence exists (no gap), and a
/// conditional Put of the idempotency-key marker (the key must be unused). The ClientRequestToken is
/// derived from the event, so a retried append is applied once. No Scan: reads are GetItem and Query.
/// </summary>
public sealed class DynamoDbAuditLedgerStore(IAmazonDynamoDB client, DynamoDbStoreOptions options) : IAuditLedgerStore
{
    private const string ConditionalCheckFailed = "ConditionalCheckFailed";

    public async Task<AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var e = auditEvent;
        var items = new List<TransactWriteItem>
        {
            new()
            {
                Put = new Put
                {
                    TableName = options.AuditTable,
                    Item = AuditItems.ToItem(e, options.AuditRetention),
                    ConditionExpression = "attribute_not_exists(requestId)",
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
            },
        };
        var previousCheck = -1;
        if (e.Sequence > 1)
        {
            previousCheck = items.Count;
            items.Add(new TransactWriteItem
            {
                ConditionCheck = new ConditionCheck
                {
                    TableName = options.AuditTable,
                    Key = AuditItems.Key(e.RequestId, e.Sequence - 1),
                    ConditionExpression = "attribute_exists(requestId)",
                },
            });
        }

        var markerPut = -1;
        if (e.IdempotencyKey is not null)
        {
            markerPut = items.Count;
            items.Add(new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = options.AuditTable,
                    Item = AuditItems.Marker(e, options.AuditRetention),
                    ConditionExpression = "attribute_not_exists(requestId)",
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                },
            });
        }

        var request = new TransactWriteItemsRequest
        {
            TransactItems = items,
            ClientRequestToken = Attr.Token("audit", e.RequestId, e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Hash),
        };

        try
        {
            await DynamoDbTransactions.WriteAsync(client, request, cancellationToken);
            return AuditAppendResult.Appended;
        }
        catch (TransactionCanceledException cancelled)
        {
            var reasons = cancelled.CancellationReasons ?? [];
            string? Code(int index) => index >= 0 && index < reasons.Count ? reasons[index].Code : null;

            // In the in-memory store's order: a used key wins over a taken sequence, which wins over a gap.
            if (Code(markerPut) == ConditionalCheckFailed)
            {
                var existing = await FindByIdempotencyKeyAsync(e.RequestId, e.IdempotencyKey!, cancellationToken)
                    ?? throw new InvalidDataException($"Idempotency marker '{e.IdempotencyKey}' of request {e.RequestId} points at no event.");
                return AuditAppendResult.DuplicateIdempotencyKey(existing);
            }

            if (Code(0) == ConditionalCheckFailed)
            {
                var stored = reasons[0].Item is { Count: > 0 } old ? old : await GetItemAsync(AuditItems.Key(e.RequestId, e.Sequence), cancellationToken);
                return stored is not null && Attr.String(stored, "hash") == e.Hash ? AuditAppendResult.Appended : AuditAppendResult.SequenceConflict;
            }

            if (Code(previousCheck) == ConditionalCheckFailed)
            {
                var last = await GetLastAsync(e.RequestId, cancellationToken);
                throw new InvalidOperationException(
                    $"Appending sequence {e.Sequence} to request {e.RequestId} would leave a gap; the next sequence is {(last?.Sequence ?? 0) + 1}.");
            }

            if (reasons.Any(r => r.Code == "TransactionConflict"))
            {
                // Another transaction was writing these items at the same moment: the caller re-reads and retries.
                return AuditAppendResult.SequenceConflict;
            }

            throw;
        }
    }

    public async Task<AuditEvent?> GetLastAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        var response = await client.QueryAsync(new QueryRequest
        {
            TableName = options.AuditTable,
            KeyConditionExpression = "requestId = :r AND #seq >= :first",
            ExpressionAttributeNames = new() { ["#seq"] = AuditItems.Sequence },
            ExpressionAttributeValues = new() { [":r"] = Attr.S(requestId), [":first"] = Attr.N(1) },
            ScanIndexForward = false,
            Limit = 1,
            ConsistentRead = true,
        }, cancellationToken);
        return response.Items is { Count: > 0 } items ? AuditItems.FromItem(items[0]) : null;
    }

    public async Task<AuditEvent?> FindByIdempotencyKeyAsync(string requestId, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        StoreArguments.IdempotencyKey(idempotencyKey);
        var marker = await GetItemAsync(AuditItems.MarkerKey(requestId, idempotencyKey), cancellationToken);
        if (marker is null)
        {
            return null;
        }

        var item = await GetItemAsync(AuditItems.Key(requestId, Attr.Long(marker, AuditItems.EventSequence)), cancellationToken);
        return item is null ? null : AuditItems.FromItem(item);
    }

    public async Task<IReadOnlyList<AuditEvent>> ReadAllAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        var events = new List<AuditEvent>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await client.QueryAsync(new QueryRequest
            {
                TableName = options.AuditTable,
                KeyConditionExpression = "requestId = :r AND #seq >= :first",
                ExpressionAttributeNames = new() { ["#seq"] = AuditItems.Sequence },
                ExpressionAttributeValues = new() { [":r"] = Attr.S(requestId), [":first"] = Attr.N(1) },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            }, cancellationToken);
            events.AddRange((response.Items ?? []).Select(AuditItems.FromItem));
            start = Attr.IsEmpty(response.LastEvaluatedKey) ? null : response.LastEvaluatedKey;
        }
        while (start is not null);

        return events;
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(Dictionary<string, AttributeValue> key, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = options.AuditTable, Key = key, ConsistentRead = true }, cancellationToken);
        return Attr.IsEmpty(response.Item) ? null : response.Item;
    }
}
