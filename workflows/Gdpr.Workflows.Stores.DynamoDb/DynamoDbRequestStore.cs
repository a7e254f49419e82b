using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>
/// Erasure requests in the Requests table (see docs/dynamodb.md). Per request: the request item (the record
/// as JSON in "body", plus the GSI keys openQueue/deadline, status/receivedAt), an intake-key marker item
/// and one subject link item per subject hash (a GSI key must be a single value; a request has several
/// hashes). Create is one transaction over all of them; a change is one conditional UpdateItem on version
/// (a transaction only when the subject links change). Queries use the OpenByDeadline, ByStatus and
/// BySubjectHash GSIs; nothing scans.
/// </summary>
public sealed class DynamoDbRequestStore(IDynamoDbClient client, DynamoDbStoreOptions options) : IRequestStore
{
    /// <summary>The store on the AWS SDK's client (the caller keeps and disposes it).</summary>
    public DynamoDbRequestStore(IAmazonDynamoDB client, DynamoDbStoreOptions options)
        : this(new SdkDynamoDbClient(client), options)
    {
    }

    private const char Separator = '\u001f';
    private const string Body = "body";
    private const string Target = "target";

    public async Task<CreateRequestResult> CreateAsync(ErasureRequest request, CancellationToken cancellationToken = default)
    {
        RequestDocument.CheckNew(request);
        var items = new List<TransactWriteItem>
        {
            new() { Put = new Put { TableName = options.RequestsTable, Item = RequestItem(request), ConditionExpression = "attribute_not_exists(requestId)" } },
            new() { Put = new Put { TableName = options.RequestsTable, Item = Marker(request), ConditionExpression = "attribute_not_exists(requestId)" } },
        };
        items.AddRange(request.SubjectHashes.Distinct(StringComparer.Ordinal).Select(h => new TransactWriteItem
        {
            Put = new Put { TableName = options.RequestsTable, Item = Link(h, request) },
        }));

        try
        {
            var outcome = await DynamoDbTransactions.WriteAsync(client, new TransactWriteItemsRequest
            {
                TransactItems = items,
                ClientRequestToken = Attr.Token("create", request.RequestId, request.IntakeKey, Fingerprint(RequestDocument.Serialize(request))),
            }, cancellationToken);
            if (outcome == TransactionOutcome.Replayed)
            {
                return new CreateRequestResult(CreateRequestOutcome.Duplicate, await GetAsync(request.RequestId, cancellationToken) ?? request);
            }

            return new CreateRequestResult(CreateRequestOutcome.Created, request);
        }
        catch (TransactionCanceledException cancelled)
        {
            if (DynamoDbTransactions.Code(cancelled, 1) == "ConditionalCheckFailed"
                && await GetItemAsync(MarkerId(request.IntakeKey), cancellationToken) is { } marker
                && await GetAsync(Attr.RequiredString(marker, Target), cancellationToken) is { } duplicate)
            {
                return new CreateRequestResult(CreateRequestOutcome.Duplicate, duplicate);
            }

            if (DynamoDbTransactions.Code(cancelled, 0) == "ConditionalCheckFailed" && await GetAsync(request.RequestId, cancellationToken) is { } taken)
            {
                return new CreateRequestResult(
                    string.Equals(taken.IntakeKey, request.IntakeKey, StringComparison.Ordinal) ? CreateRequestOutcome.Duplicate : CreateRequestOutcome.RequestIdTaken,
                    taken);
            }

            throw;
        }
    }

    public async Task<ErasureRequest?> GetAsync(string requestId, CancellationToken cancellationToken = default)
    {
        StoreArguments.RequestId(requestId);
        return await GetItemAsync(requestId, cancellationToken) is { } item ? RequestDocument.Deserialize(Attr.RequiredString(item, Body)) : null;
    }

    public async Task<bool> TryReplaceAsync(ErasureRequest updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updated);
        RequestDocument.CheckShape(updated);
        if (updated.Version != expectedVersion + 1)
        {
            throw new ArgumentException($"The updated request must have version {expectedVersion + 1}, one above the expected {expectedVersion}.", nameof(updated));
        }

        // The common case, one write: the subject links stay valid because what they are keyed on did not change.
        var update = Update(updated, expectedVersion, sameLinks: true);
        try
        {
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = update.TableName,
                Key = update.Key,
                UpdateExpression = update.UpdateExpression,
                ConditionExpression = update.ConditionExpression,
                ExpressionAttributeNames = update.ExpressionAttributeNames,
                ExpressionAttributeValues = update.ExpressionAttributeValues,
                ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException failed)
        {
            var stored = failed.Item is { Count: > 0 } old ? old : await GetItemAsync(updated.RequestId, cancellationToken);
            if (stored is null || Attr.Long(stored, "version") != expectedVersion)
            {
                return false;
            }

            if (!string.Equals(Attr.String(stored, "intakeKey"), updated.IntakeKey, StringComparison.Ordinal))
            {
                throw new ArgumentException("The intake key of a stored request never changes.", nameof(updated));
            }

            return await ReplaceWithLinksAsync(updated, expectedVersion, RequestDocument.Deserialize(Attr.RequiredString(stored, Body)), cancellationToken);
        }
    }

    public async Task<RequestPage> QueryOpenByDeadlineAsync(int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.PageSize(pageSize, IRequestStore.MaxPageSize);
        const string query = "open";
        var request = new QueryRequest
        {
            TableName = options.RequestsTable,
            IndexName = "OpenByDeadline",
            KeyConditionExpression = "openQueue = :open",
            ExpressionAttributeValues = new() { [":open"] = Attr.S("open") },
            ExclusiveStartKey = continuationToken is null ? null : StartKey(continuationToken, query, "openQueue", "open", "deadline"),
        };
        var (items, _) = await DynamoDbQueries.CollectAsync(client, request, pageSize + 1, cancellationToken);
        return ToPage(items, pageSize, query, "deadline", item => RequestDocument.Deserialize(Attr.RequiredString(item, Body)));
    }

    public async Task<RequestPage> QueryByStatusAsync(RequestStatus status, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.PageSize(pageSize, IRequestStore.MaxPageSize);
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown request status.");
        }

        var query = "status:" + status.Name();
        var request = new QueryRequest
        {
            TableName = options.RequestsTable,
            IndexName = "ByStatus",
            KeyConditionExpression = "#status = :s",
            ExpressionAttributeNames = new() { ["#status"] = "status" },
            ExpressionAttributeValues = new() { [":s"] = Attr.S(status.Name()) },
            ExclusiveStartKey = continuationToken is null ? null : StartKey(continuationToken, query, "status", status.Name(), "receivedAt"),
        };
        var (items, _) = await DynamoDbQueries.CollectAsync(client, request, pageSize + 1, cancellationToken);
        return ToPage(items, pageSize, query, "receivedAt", item => RequestDocument.Deserialize(Attr.RequiredString(item, Body)));
    }

    public async Task<RequestPage> QueryBySubjectHashAsync(string subjectHash, int pageSize, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        StoreArguments.NotBlank(subjectHash, nameof(subjectHash));
        StoreArguments.PageSize(pageSize, IRequestStore.MaxPageSize);
        var query = "subject:" + subjectHash;
        Dictionary<string, AttributeValue>? start = null;
        if (continuationToken is not null)
        {
            // The token holds the request id, not the link's id: the subject hash is never spelled out in a token.
            var position = PageTokens.Read(continuationToken, query, 2);
            start = new() { ["requestId"] = Attr.S(LinkId(subjectHash, position[1])), ["subjectHash"] = Attr.S(subjectHash), ["receivedAt"] = Attr.S(position[0]) };
        }

        var (links, _) = await DynamoDbQueries.CollectAsync(client, new QueryRequest
        {
            TableName = options.RequestsTable,
            IndexName = "BySubjectHash",
            KeyConditionExpression = "subjectHash = :h",
            ExpressionAttributeValues = new() { [":h"] = Attr.S(subjectHash) },
            ExclusiveStartKey = start,
        }, pageSize + 1, cancellationToken);
        var page = links.Take(pageSize).ToList();
        var requests = await BatchGetAsync(page.Select(l => Attr.RequiredString(l, Target)).ToList(), cancellationToken);
        var token = links.Count > pageSize
            ? PageTokens.Write(query, Attr.RequiredString(page[^1], "receivedAt"), Attr.RequiredString(page[^1], Target))
            : null;
        return new RequestPage(page.Select(l => requests.GetValueOrDefault(Attr.RequiredString(l, Target))).OfType<ErasureRequest>().ToList(), token);
    }

    /// <summary>"yyyy-MM-ddTHH:mm:ss.fffffffZ" + separator + request id: the ByStatus/BySubjectHash sort key, unique per request.</summary>
    internal static string ReceivedKey(ErasureRequest request) =>
        request.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + Separator + request.RequestId;

    /// <summary>Due date (or "none") + separator + request id: the OpenByDeadline sort key.</summary>
    internal static string DeadlineKey(ErasureRequest request) => RequestDocument.DueKey(request) + Separator + request.RequestId;

    private static string MarkerId(string intakeKey) => $"{Separator}intake{Separator}{intakeKey}";

    private static string LinkId(string subjectHash, string requestId) => $"{Separator}subject{Separator}{subjectHash}{Separator}{requestId}";

    private static string Fingerprint(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string SubjectsKey(ErasureRequest request) =>
        Fingerprint(ReceivedKey(request) + Separator + string.Join(Separator, request.SubjectHashes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));

    private static Dictionary<string, AttributeValue> RequestItem(ErasureRequest request)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["requestId"] = Attr.S(request.RequestId),
            ["version"] = Attr.N(request.Version),
            ["intakeKey"] = Attr.S(request.IntakeKey),
            ["status"] = Attr.S(request.Status.Name()),
            ["receivedAt"] = Attr.S(ReceivedKey(request)),
            ["deadline"] = Attr.S(DeadlineKey(request)),
            ["subjectsKey"] = Attr.S(SubjectsKey(request)),
            [Body] = Attr.S(RequestDocument.Serialize(request)),
        };
        if (request.IsOpen)
        {
            item["openQueue"] = Attr.S("open");
        }

        return item;
    }

    private static Dictionary<string, AttributeValue> Marker(ErasureRequest request) => new()
    {
        ["requestId"] = Attr.S(MarkerId(request.IntakeKey)),
        [Target] = Attr.S(request.RequestId),
    };

    private static Dictionary<string, AttributeValue> Link(string subjectHash, ErasureRequest request) => new()
    {
        ["requestId"] = Attr.S(LinkId(subjectHash, request.RequestId)),
        ["subjectHash"] = Attr.S(subjectHash),
        ["receivedAt"] = Attr.S(ReceivedKey(request)),
        [Target] = Attr.S(request.RequestId),
    };

    /// <summary>The conditional update of the request item; with <paramref name="sameLinks"/> it also requires the links' keys unchanged.</summary>
    private Update Update(ErasureRequest updated, long expectedVersion, bool sameLinks)
    {
        var set = "SET #body = :body, #version = :version, #status = :status, receivedAt = :received, deadline = :deadline, subjectsKey = :subjects";
        var values = new Dictionary<string, AttributeValue>
        {
            [":body"] = Attr.S(RequestDocument.Serialize(updated)),
            [":version"] = Attr.N(updated.Version),
            [":expected"] = Attr.N(expectedVersion),
            [":status"] = Attr.S(updated.Status.Name()),
            [":received"] = Attr.S(ReceivedKey(updated)),
            [":deadline"] = Attr.S(DeadlineKey(updated)),
            [":subjects"] = Attr.S(SubjectsKey(updated)),
            [":intake"] = Attr.S(updated.IntakeKey),
        };
        if (updated.IsOpen)
        {
            set += ", openQueue = :open";
            values[":open"] = Attr.S("open");
        }

        return new Update
        {
            TableName = options.RequestsTable,
            Key = new() { ["requestId"] = Attr.S(updated.RequestId) },
            UpdateExpression = updated.IsOpen ? set : set + " REMOVE openQueue",
            ConditionExpression = "#version = :expected AND intakeKey = :intake" + (sameLinks ? " AND subjectsKey = :subjects" : string.Empty),
            ExpressionAttributeNames = new() { ["#body"] = Body, ["#version"] = "version", ["#status"] = "status" },
            ExpressionAttributeValues = values,
        };
    }

    /// <summary>The rare replace that moves subject links (hashes or receipt time changed): one transaction.</summary>
    private async Task<bool> ReplaceWithLinksAsync(ErasureRequest updated, long expectedVersion, ErasureRequest stored, CancellationToken cancellationToken)
    {
        var newHashes = updated.SubjectHashes.Distinct(StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        var items = new List<TransactWriteItem> { new() { Update = Update(updated, expectedVersion, sameLinks: false) } };
        items.AddRange(stored.SubjectHashes.Distinct(StringComparer.Ordinal).Where(h => !newHashes.Contains(h)).Select(h => new TransactWriteItem
        {
            Delete = new Delete { TableName = options.RequestsTable, Key = new() { ["requestId"] = Attr.S(LinkId(h, updated.RequestId)) } },
        }));
        items.AddRange(newHashes.Select(h => new TransactWriteItem { Put = new Put { TableName = options.RequestsTable, Item = Link(h, updated) } }));
        try
        {
            return await DynamoDbTransactions.WriteAsync(client, new TransactWriteItemsRequest
            {
                TransactItems = items,
                ClientRequestToken = Attr.Token("replace", updated.RequestId, updated.Version.ToString(CultureInfo.InvariantCulture), Fingerprint(RequestDocument.Serialize(updated))),
            }, cancellationToken) == TransactionOutcome.Applied;
        }
        catch (TransactionCanceledException cancelled) when (DynamoDbTransactions.Code(cancelled, 0) == "ConditionalCheckFailed")
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> StartKey(string token, string query, string indexKey, string indexValue, string sortKey)
    {
        var position = PageTokens.Read(token, query, 2);
        return new()
        {
            ["requestId"] = Attr.S(StoreArguments.RequestId(position[1], nameof(token))),
            [indexKey] = Attr.S(indexValue),
            [sortKey] = Attr.S(position[0]),
        };
    }

    private static RequestPage ToPage(List<Dictionary<string, AttributeValue>> items, int pageSize, string query, string sortKey, Func<Dictionary<string, AttributeValue>, ErasureRequest> read)
    {
        var page = items.Take(pageSize).ToList();
        var token = items.Count > pageSize ? PageTokens.Write(query, Attr.RequiredString(page[^1], sortKey), Attr.RequiredString(page[^1], "requestId")) : null;
        return new RequestPage(page.Select(read).ToList(), token);
    }

    private async Task<Dictionary<string, ErasureRequest>> BatchGetAsync(IReadOnlyList<string> requestIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ErasureRequest>(StringComparer.Ordinal);
        foreach (var chunk in requestIds.Distinct(StringComparer.Ordinal).Chunk(100))
        {
            var pending = new Dictionary<string, KeysAndAttributes>
            {
                [options.RequestsTable] = new KeysAndAttributes
                {
                    Keys = chunk.Select(id => new Dictionary<string, AttributeValue> { ["requestId"] = Attr.S(id) }).ToList(),
                    ConsistentRead = true,
                },
            };
            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20 << Math.Min(attempt, 6)), cancellationToken);
                }

                var response = await client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = pending }, cancellationToken);
                foreach (var item in response.Responses?.GetValueOrDefault(options.RequestsTable) ?? [])
                {
                    var request = RequestDocument.Deserialize(Attr.RequiredString(item, Body));
                    found[request.RequestId] = request;
                }

                pending = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : [];
            }
        }

        return found;
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(string id, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = options.RequestsTable,
            Key = new() { ["requestId"] = Attr.S(id) },
            ConsistentRead = true,
        }, cancellationToken);
        return Attr.IsEmpty(response.Item) ? null : response.Item;
    }
}
