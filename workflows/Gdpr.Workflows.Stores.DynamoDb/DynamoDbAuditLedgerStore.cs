using System.Globalization;
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
/// The same transaction anchors the new head in the request's item (auditHeadSeq, auditHeadHash in the Requests
/// table), so a chain cut short or deleted no longer matches its request's record.
/// </summary>
public sealed class DynamoDbAuditLedgerStore(IDynamoDbClient client, DynamoDbStoreOptions options) : IAuditLedgerStore, IAuditHistoryStore, IAuditAnchorStore
{
    /// <summary>The store on the AWS SDK's client (the caller keeps and disposes it).</summary>
    public DynamoDbAuditLedgerStore(IAmazonDynamoDB client, DynamoDbStoreOptions options)
        : this(new SdkDynamoDbClient(client), options)
    {
    }

    private const string ConditionalCheckFailed = "ConditionalCheckFailed";

    /// <summary>Day partitions one page may query before it returns (possibly short) with a token for the next day.</summary>
    private const int MaxDayQueriesPerPage = 31;

    private const string AnchorSequence = "auditHeadSeq";
    private const string AnchorHash = "auditHeadHash";

    public Task<AuditAppendResult> TryAppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return AppendAsync(auditEvent, anchored: true, cancellationToken);
    }

    public async Task<AuditChainHead?> GetAnchorAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = options.RequestsTable,
            Key = new() { ["requestId"] = Attr.S(requestId) },
            ProjectionExpression = "#s, #h",
            ExpressionAttributeNames = new() { ["#s"] = AnchorSequence, ["#h"] = AnchorHash },
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item && item.ContainsKey(AnchorSequence) && Attr.String(item, AnchorHash) is { } hash
            ? new AuditChainHead(Attr.Long(item, AnchorSequence), hash)
            : null;
    }

    /// <summary>
    /// The append; <paramref name="anchored"/> adds the head's Update of the request item, which must exist. An event of
    /// a request without a record (imports in any order, tests) is appended unanchored: the checkpoint vouches for it.
    /// </summary>
    private async Task<AuditAppendResult> AppendAsync(AuditEvent e, bool anchored, CancellationToken cancellationToken)
    {
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

        var anchorUpdate = -1;
        if (anchored)
        {
            anchorUpdate = items.Count;
            items.Add(new TransactWriteItem
            {
                Update = new Update
                {
                    TableName = options.RequestsTable,
                    Key = new() { ["requestId"] = Attr.S(e.RequestId) },
                    UpdateExpression = "SET #s = :s, #h = :h",
                    ConditionExpression = "attribute_exists(requestId) AND (attribute_not_exists(#s) OR #s < :s)",
                    ExpressionAttributeNames = new() { ["#s"] = AnchorSequence, ["#h"] = AnchorHash },
                    ExpressionAttributeValues = new() { [":s"] = Attr.N(e.Sequence), [":h"] = Attr.S(e.Hash) },
                },
            });
        }

        var request = new TransactWriteItemsRequest
        {
            TransactItems = items,
            ClientRequestToken = Attr.Token(anchored ? "audit" : "audit-unanchored", e.RequestId, e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Hash),
        };

        try
        {
            var outcome = await DynamoDbTransactions.WriteAsync(client, request, cancellationToken);
            if (outcome == TransactionOutcome.Replayed && e.IdempotencyKey is { } usedKey)
            {
                // An earlier call of this very append wrote it: answer as a retry that finds its key does.
                return AuditAppendResult.DuplicateIdempotencyKey(await FindByIdempotencyKeyAsync(e.RequestId, usedKey, cancellationToken) ?? e);
            }

            return AuditAppendResult.Appended;
        }
        catch (TransactionCanceledException cancelled)
        {
            // In the in-memory store's order: a used key wins over a taken sequence, which wins over a gap.
            if (DynamoDbTransactions.Code(cancelled, markerPut) == ConditionalCheckFailed)
            {
                var existing = await FindByIdempotencyKeyAsync(e.RequestId, e.IdempotencyKey!, cancellationToken)
                    ?? throw new InvalidDataException($"Idempotency marker '{e.IdempotencyKey}' of request {e.RequestId} points at no event.");
                return AuditAppendResult.DuplicateIdempotencyKey(existing);
            }

            if (DynamoDbTransactions.Code(cancelled, 0) == ConditionalCheckFailed)
            {
                var stored = DynamoDbTransactions.OldItem(cancelled, 0) ?? await GetItemAsync(AuditItems.Key(e.RequestId, e.Sequence), cancellationToken);

                // The same event (same hash) holding the sequence is this append, retried after its answer was lost.
                return stored is not null && Attr.String(stored, "hash") == e.Hash ? AuditAppendResult.Appended : AuditAppendResult.SequenceConflict;
            }

            if (DynamoDbTransactions.Code(cancelled, previousCheck) == ConditionalCheckFailed)
            {
                var last = await GetLastAsync(e.RequestId, cancellationToken);
                throw new InvalidOperationException(
                    $"Appending sequence {e.Sequence} to request {e.RequestId} would leave a gap; the next sequence is {(last?.Sequence ?? 0) + 1}.");
            }

            if (DynamoDbTransactions.Code(cancelled, anchorUpdate) == ConditionalCheckFailed)
            {
                if (await client.GetItemAsync(new GetItemRequest
                {
                    TableName = options.RequestsTable,
                    Key = new() { ["requestId"] = Attr.S(e.RequestId) },
                    ProjectionExpression = "requestId",
                    ConsistentRead = true,
                }, cancellationToken) is not { Item.Count: > 0 })
                {
                    return await AppendAsync(e, anchored: false, cancellationToken);
                }

                throw new InvalidDataException(
                    $"Request {e.RequestId}'s record anchors a head at or past sequence {e.Sequence}, which its chain does not hold: the chain was cut short.");
            }

            if (cancelled.CancellationReasons?.Any(r => r.Code == "TransactionConflict") == true)
            {
                // Still conflicting after the retries: another writer is busy on this request; the caller re-reads.
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

    public async Task<AuditEventPage> QueryBySubjectHashAsync(string subjectHash, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.AuditSubjectHash(subjectHash);
        StoreArguments.PageSize(pageSize, IAuditHistoryStore.MaxPageSize);
        var query = "subject:" + subjectHash;
        var request = new QueryRequest
        {
            TableName = options.AuditTable,
            IndexName = "BySubjectHash",
            KeyConditionExpression = "subjectHash = :h",
            ExpressionAttributeValues = new() { [":h"] = Attr.S(subjectHash) },
            ExclusiveStartKey = continuationToken is null ? null : StartKey(PageTokens.Read(continuationToken, query, 1)[0], AuditItems.SubjectHash, subjectHash),
        };
        var (items, _) = await DynamoDbQueries.CollectAsync(client, request, pageSize + 1, cancellationToken);
        return ToPage(items, pageSize, last => PageTokens.Write(query, Attr.RequiredString(last, AuditItems.RecordedAt)));
    }

    public async Task<AuditEventPage> QueryByDaysAsync(DateOnly firstDay, DateOnly lastDay, string? system, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.Days(firstDay, lastDay);
        StoreArguments.System(system);
        StoreArguments.PageSize(pageSize, IAuditHistoryStore.MaxPageSize);
        var query = string.Create(CultureInfo.InvariantCulture, $"days:{firstDay:yyyy-MM-dd}:{lastDay:yyyy-MM-dd}:{system}");
        return system is null
            ? await QueryByDayPartitionsAsync(firstDay, lastDay, pageSize, query, continuationToken, cancellationToken)
            : await QueryBySystemAsync(firstDay, lastDay, system, pageSize, query, continuationToken, cancellationToken);
    }

    /// <summary>One Query on BySystem: the system's partition, recordedAt between the first day's midnight and the next day's after the last.</summary>
    private async Task<AuditEventPage> QueryBySystemAsync(DateOnly firstDay, DateOnly lastDay, string system, int pageSize, string query, string? token, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = options.AuditTable,
            IndexName = "BySystem",
            KeyConditionExpression = "#system = :s AND recordedAt BETWEEN :from AND :to",
            ExpressionAttributeNames = new() { ["#system"] = AuditItems.System },
            ExpressionAttributeValues = new()
            {
                [":s"] = Attr.S(system),
                [":from"] = Attr.S(Midnight(firstDay)),
                [":to"] = Attr.S(Midnight(lastDay.AddDays(1))),
            },
            ExclusiveStartKey = token is null ? null : StartKey(PageTokens.Read(token, query, 1)[0], AuditItems.System, system),
        };
        var (items, _) = await DynamoDbQueries.CollectAsync(client, request, pageSize + 1, cancellationToken);
        return ToPage(items, pageSize, last => PageTokens.Write(query, Attr.RequiredString(last, AuditItems.RecordedAt)));
    }

    /// <summary>ByDay, one partition per day in order; the token names the day and where in it the page ended.</summary>
    private async Task<AuditEventPage> QueryByDayPartitionsAsync(DateOnly firstDay, DateOnly lastDay, int pageSize, string query, string? token, CancellationToken cancellationToken)
    {
        var day = firstDay;
        string? startAfter = null;
        if (token is not null)
        {
            var position = PageTokens.Read(token, query, 2);
            if (!DateOnly.TryParseExact(position[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day) || day < firstDay || day > lastDay)
            {
                throw new InvalidContinuationTokenException();
            }

            startAfter = position[1].Length == 0 ? null : position[1];
        }

        var items = new List<Dictionary<string, AttributeValue>>();
        var dayQueries = 0;
        for (; day <= lastDay && items.Count <= pageSize && dayQueries < MaxDayQueriesPerPage; day = day.AddDays(1), startAfter = null, dayQueries++)
        {
            var dayKey = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var request = new QueryRequest
            {
                TableName = options.AuditTable,
                IndexName = "ByDay",
                KeyConditionExpression = "#day = :d",
                ExpressionAttributeNames = new() { ["#day"] = AuditItems.Day },
                ExpressionAttributeValues = new() { [":d"] = Attr.S(dayKey) },
                ExclusiveStartKey = startAfter is null ? null : StartKey(startAfter, AuditItems.Day, dayKey),
            };
            var (found, _) = await DynamoDbQueries.CollectAsync(client, request, pageSize + 1 - items.Count, cancellationToken);
            items.AddRange(found);
        }

        if (items.Count > pageSize)
        {
            return ToPage(items, pageSize, last => PageTokens.Write(query, Attr.RequiredString(last, AuditItems.Day), Attr.RequiredString(last, AuditItems.RecordedAt)));
        }

        // Short page: either every day was read, or the per-page budget of day queries ran out first.
        var next = day <= lastDay ? PageTokens.Write(query, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), string.Empty) : null;
        return new AuditEventPage(items.Select(AuditItems.FromItem).ToList(), next);
    }

    private static string Midnight(DateOnly day) => AuditItems.Timestamp(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>The ExclusiveStartKey of an index query, rebuilt from the recordedAt where the last page ended.</summary>
    private static Dictionary<string, AttributeValue> StartKey(string recordedAt, string indexKeyName, string indexKeyValue)
    {
        var parts = recordedAt.Split(AuditItems.Separator);
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw new InvalidContinuationTokenException();
        }

        var key = AuditItems.Key(parts[1], sequence);
        key[indexKeyName] = Attr.S(indexKeyValue);
        key[AuditItems.RecordedAt] = Attr.S(recordedAt);
        return key;
    }

    private static AuditEventPage ToPage(List<Dictionary<string, AttributeValue>> items, int pageSize, Func<Dictionary<string, AttributeValue>, string> token) =>
        items.Count > pageSize
            ? new AuditEventPage(items.Take(pageSize).Select(AuditItems.FromItem).ToList(), token(items[pageSize - 1]))
            : new AuditEventPage(items.Select(AuditItems.FromItem).ToList(), null);

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(Dictionary<string, AttributeValue> key, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = options.AuditTable, Key = key, ConsistentRead = true }, cancellationToken);
        return Attr.IsEmpty(response.Item) ? null : response.Item;
    }
}
