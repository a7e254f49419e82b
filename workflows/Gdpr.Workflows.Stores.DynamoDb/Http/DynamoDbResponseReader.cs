using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Gdpr.Workflows.Stores.DynamoDb.Http;

/// <summary>
/// DynamoDB's JSON answers read into the SDK's response model, as the SDK's unmarshallers fill it: a member the answer
/// leaves out stays null (GetItem of a missing key: <c>Item</c> null), a member it sends empty is an empty collection.
/// ItemCollectionMetrics is never asked for (the writer refuses ReturnItemCollectionMetrics), so it is not read.
/// </summary>
internal static class DynamoDbResponseReader
{
    public static GetItemResponse GetItem(JsonElement root) => new()
    {
        Item = Item(root, "Item"),
        ConsumedCapacity = Capacity(root, "ConsumedCapacity"),
    };

    public static PutItemResponse PutItem(JsonElement root) =>
        new() { Attributes = Item(root, "Attributes"), ConsumedCapacity = Capacity(root, "ConsumedCapacity") };

    public static UpdateItemResponse UpdateItem(JsonElement root) =>
        new() { Attributes = Item(root, "Attributes"), ConsumedCapacity = Capacity(root, "ConsumedCapacity") };

    public static DeleteItemResponse DeleteItem(JsonElement root) =>
        new() { Attributes = Item(root, "Attributes"), ConsumedCapacity = Capacity(root, "ConsumedCapacity") };

    public static QueryResponse Query(JsonElement root) => new()
    {
        Items = Items(root, "Items"),
        Count = Int(root, "Count"),
        ScannedCount = Int(root, "ScannedCount"),
        LastEvaluatedKey = Item(root, "LastEvaluatedKey"),
        ConsumedCapacity = Capacity(root, "ConsumedCapacity"),
    };

    public static BatchGetItemResponse BatchGetItem(JsonElement root)
    {
        var response = new BatchGetItemResponse { ConsumedCapacity = Capacities(root, "ConsumedCapacity") };
        if (Member(root, "Responses") is { } responses)
        {
            response.Responses = [];
            foreach (var table in responses.EnumerateObject())
            {
                response.Responses[table.Name] = table.Value.EnumerateArray().Select(ReadItem).ToList();
            }
        }

        if (Member(root, "UnprocessedKeys") is { } unprocessed)
        {
            response.UnprocessedKeys = [];
            foreach (var table in unprocessed.EnumerateObject())
            {
                var keys = table.Value;
                response.UnprocessedKeys[table.Name] = new KeysAndAttributes
                {
                    Keys = Items(keys, "Keys"),
                    ConsistentRead = Bool(keys, "ConsistentRead"),
                    ProjectionExpression = String(keys, "ProjectionExpression"),
                    ExpressionAttributeNames = Names(keys, "ExpressionAttributeNames"),
                    AttributesToGet = Member(keys, "AttributesToGet") is { } names ? names.EnumerateArray().Select(n => n.GetString()!).ToList() : null,
                };
            }
        }

        return response;
    }

    public static TransactWriteItemsResponse TransactWriteItems(JsonElement root) =>
        new() { ConsumedCapacity = Capacities(root, "ConsumedCapacity") };

    /// <summary>An item or key: attribute name to value.</summary>
    public static Dictionary<string, AttributeValue> ReadItem(JsonElement item)
    {
        var result = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var attribute in item.EnumerateObject())
        {
            result[attribute.Name] = ReadValue(attribute.Value);
        }

        return result;
    }

    public static AttributeValue ReadValue(JsonElement element)
    {
        var value = new AttributeValue();
        foreach (var member in element.EnumerateObject())
        {
            var v = member.Value;
            switch (member.Name)
            {
                case "S": value.S = v.GetString(); break;
                case "N": value.N = v.GetString(); break;
                case "B": value.B = new MemoryStream(v.GetBytesFromBase64()); break;
                case "BOOL": value.BOOL = v.GetBoolean(); break;
                case "NULL": value.NULL = v.GetBoolean(); break;
                case "M": value.M = ReadItem(v); break;
                case "L": value.L = v.EnumerateArray().Select(ReadValue).ToList(); break;
                case "SS": value.SS = v.EnumerateArray().Select(s => s.GetString()!).ToList(); break;
                case "NS": value.NS = v.EnumerateArray().Select(s => s.GetString()!).ToList(); break;
                case "BS": value.BS = v.EnumerateArray().Select(b => new MemoryStream(b.GetBytesFromBase64())).ToList(); break;
                default: break; // A kind newer than this client: skipped, as the SDK's unmarshaller skips unknown members.
            }
        }

        return value;
    }

    /// <summary>The member when the answer has it and it is not JSON null.</summary>
    public static JsonElement? Member(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static Dictionary<string, AttributeValue>? Item(JsonElement parent, string name) => Member(parent, name) is { } item ? ReadItem(item) : null;

    public static string? String(JsonElement parent, string name) => Member(parent, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static List<Dictionary<string, AttributeValue>>? Items(JsonElement parent, string name) =>
        Member(parent, name) is { } items ? items.EnumerateArray().Select(ReadItem).ToList() : null;

    private static int? Int(JsonElement parent, string name) => Member(parent, name) is { } value ? value.GetInt32() : null;

    private static double? Double(JsonElement parent, string name) => Member(parent, name) is { } value ? value.GetDouble() : null;

    private static bool? Bool(JsonElement parent, string name) => Member(parent, name) is { } value ? value.GetBoolean() : null;

    private static Dictionary<string, string>? Names(JsonElement parent, string name)
    {
        if (Member(parent, name) is not { } names)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in names.EnumerateObject())
        {
            result[entry.Name] = entry.Value.GetString()!;
        }

        return result;
    }

    private static List<ConsumedCapacity>? Capacities(JsonElement parent, string name) =>
        Member(parent, name) is { } list ? list.EnumerateArray().Select(ReadCapacity).ToList() : null;

    private static ConsumedCapacity? Capacity(JsonElement parent, string name) => Member(parent, name) is { } capacity ? ReadCapacity(capacity) : null;

    private static ConsumedCapacity ReadCapacity(JsonElement c) => new()
    {
        TableName = String(c, "TableName"),
        CapacityUnits = Double(c, "CapacityUnits"),
        ReadCapacityUnits = Double(c, "ReadCapacityUnits"),
        WriteCapacityUnits = Double(c, "WriteCapacityUnits"),
        Table = Member(c, "Table") is { } table ? ReadUnits(table) : null,
        GlobalSecondaryIndexes = IndexUnits(c, "GlobalSecondaryIndexes"),
        LocalSecondaryIndexes = IndexUnits(c, "LocalSecondaryIndexes"),
    };

    private static Dictionary<string, Capacity>? IndexUnits(JsonElement parent, string name) =>
        Member(parent, name) is { } indexes ? indexes.EnumerateObject().ToDictionary(i => i.Name, i => ReadUnits(i.Value), StringComparer.Ordinal) : null;

    private static Capacity ReadUnits(JsonElement c) => new()
    {
        CapacityUnits = Double(c, "CapacityUnits"),
        ReadCapacityUnits = Double(c, "ReadCapacityUnits"),
        WriteCapacityUnits = Double(c, "WriteCapacityUnits"),
    };
}
