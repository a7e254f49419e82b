using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Gdpr.Workflows.Stores.DynamoDb.Http;

/// <summary>
/// The JSON bodies of DynamoDB's JSON 1.0 protocol, written by hand (no reflection: trim and Native AOT clean) from the
/// SDK's request model. A property the lean client cannot send (the legacy AttributesToGet/Expected/KeyConditions/...
/// parameters, item collection metrics) throws <see cref="NotSupportedException"/> when set, never silently dropped.
/// </summary>
internal static class DynamoDbRequestWriter
{
    // Relaxed: the body is never embedded in HTML, and non-ASCII text then travels as UTF-8, not \u escapes.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] GetItem(GetItemRequest r)
    {
        Reject(r.AttributesToGet is not null, "GetItem", nameof(r.AttributesToGet));
        return Write(w =>
        {
            String(w, "TableName", r.TableName);
            Item(w, "Key", r.Key);
            Bool(w, "ConsistentRead", r.ConsistentRead);
            String(w, "ProjectionExpression", r.ProjectionExpression);
            Names(w, r.ExpressionAttributeNames);
            String(w, "ReturnConsumedCapacity", r.ReturnConsumedCapacity?.Value);
        });
    }

    public static byte[] PutItem(PutItemRequest r)
    {
        RejectLegacyWrite("PutItem", r.Expected, r.ConditionalOperator, r.ReturnItemCollectionMetrics);
        return Write(w =>
        {
            String(w, "TableName", r.TableName);
            Item(w, "Item", r.Item);
            Conditional(w, r.ConditionExpression, r.ExpressionAttributeNames, r.ExpressionAttributeValues);
            String(w, "ReturnValues", r.ReturnValues?.Value);
            String(w, "ReturnValuesOnConditionCheckFailure", r.ReturnValuesOnConditionCheckFailure?.Value);
            String(w, "ReturnConsumedCapacity", r.ReturnConsumedCapacity?.Value);
        });
    }

    public static byte[] UpdateItem(UpdateItemRequest r)
    {
        RejectLegacyWrite("UpdateItem", r.Expected, r.ConditionalOperator, r.ReturnItemCollectionMetrics);
        Reject(r.AttributeUpdates is not null, "UpdateItem", nameof(r.AttributeUpdates));
        return Write(w =>
        {
            String(w, "TableName", r.TableName);
            Item(w, "Key", r.Key);
            String(w, "UpdateExpression", r.UpdateExpression);
            Conditional(w, r.ConditionExpression, r.ExpressionAttributeNames, r.ExpressionAttributeValues);
            String(w, "ReturnValues", r.ReturnValues?.Value);
            String(w, "ReturnValuesOnConditionCheckFailure", r.ReturnValuesOnConditionCheckFailure?.Value);
            String(w, "ReturnConsumedCapacity", r.ReturnConsumedCapacity?.Value);
        });
    }

    public static byte[] DeleteItem(DeleteItemRequest r)
    {
        RejectLegacyWrite("DeleteItem", r.Expected, r.ConditionalOperator, r.ReturnItemCollectionMetrics);
        return Write(w =>
        {
            String(w, "TableName", r.TableName);
            Item(w, "Key", r.Key);
            Conditional(w, r.ConditionExpression, r.ExpressionAttributeNames, r.ExpressionAttributeValues);
            String(w, "ReturnValues", r.ReturnValues?.Value);
            String(w, "ReturnValuesOnConditionCheckFailure", r.ReturnValuesOnConditionCheckFailure?.Value);
            String(w, "ReturnConsumedCapacity", r.ReturnConsumedCapacity?.Value);
        });
    }

    public static byte[] Query(QueryRequest r)
    {
        Reject(r.AttributesToGet is not null, "Query", nameof(r.AttributesToGet));
        Reject(r.KeyConditions is not null, "Query", nameof(r.KeyConditions));
        Reject(r.QueryFilter is not null, "Query", nameof(r.QueryFilter));
        Reject(r.ConditionalOperator is not null, "Query", nameof(r.ConditionalOperator));
        return Write(w =>
        {
            String(w, "TableName", r.TableName);
            String(w, "IndexName", r.IndexName);
            String(w, "KeyConditionExpression", r.KeyConditionExpression);
            String(w, "FilterExpression", r.FilterExpression);
            String(w, "ProjectionExpression", r.ProjectionExpression);
            Names(w, r.ExpressionAttributeNames);
            Item(w, "ExpressionAttributeValues", r.ExpressionAttributeValues);
            Bool(w, "ConsistentRead", r.ConsistentRead);
            if (r.Limit is { } limit)
            {
                w.WriteNumber("Limit", limit);
            }

            Bool(w, "ScanIndexForward", r.ScanIndexForward);
            Item(w, "ExclusiveStartKey", r.ExclusiveStartKey);
            String(w, "Select", r.Select?.Value);
            String(w, "ReturnConsumedCapacity", r.ReturnConsumedCapacity?.Value);
        });
    }

    public static byte[] BatchGetItem(BatchGetItemRequest r) => Write(w =>
    {
        if (r.RequestItems is { } tables)
        {
            w.WriteStartObject("RequestItems");
            foreach (var (table, keys) in tables)
            {
                Reject(keys.AttributesToGet is not null, "BatchGetItem", "KeysAndAttributes.AttributesToGet");
                w.WriteStartObject(table);
                if (keys.Keys is { } list)
                {
                    w.WriteStartArray("Keys");
                    foreach (var key in list)
                    {
                        WriteItem(w, key);
                    }

                    w.WriteEndArray();
                }

                Bool(w, "ConsistentRead", keys.ConsistentRead);
                String(w, "ProjectionExpression", keys.ProjectionExpression);
                Names(w, keys.ExpressionAttributeNames);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        String(w, "ReturnConsumedCapacity", r.ReturnConsumedCapacity?.Value);
    });

    public static byte[] TransactWriteItems(TransactWriteItemsRequest r)
    {
        RejectMetrics("TransactWriteItems", r.ReturnItemCollectionMetrics);
        return Write(w =>
        {
            if (r.TransactItems is { } items)
            {
                w.WriteStartArray("TransactItems");
                foreach (var item in items)
                {
                    w.WriteStartObject();
                    if (item.ConditionCheck is { } check)
                    {
                        TransactOperation(w, "ConditionCheck", check.TableName, ("Key", check.Key), null,
                            check.ConditionExpression, check.ExpressionAttributeNames, check.ExpressionAttributeValues, check.ReturnValuesOnConditionCheckFailure);
                    }

                    if (item.Put is { } put)
                    {
                        TransactOperation(w, "Put", put.TableName, ("Item", put.Item), null,
                            put.ConditionExpression, put.ExpressionAttributeNames, put.ExpressionAttributeValues, put.ReturnValuesOnConditionCheckFailure);
                    }

                    if (item.Update is { } update)
                    {
                        TransactOperation(w, "Update", update.TableName, ("Key", update.Key), update.UpdateExpression,
                            update.ConditionExpression, update.ExpressionAttributeNames, update.ExpressionAttributeValues, update.ReturnValuesOnConditionCheckFailure);
                    }

                    if (item.Delete is { } delete)
                    {
                        TransactOperation(w, "Delete", delete.TableName, ("Key", delete.Key), null,
                            delete.ConditionExpression, delete.ExpressionAttributeNames, delete.ExpressionAttributeValues, delete.ReturnValuesOnConditionCheckFailure);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            String(w, "ClientRequestToken", r.ClientRequestToken);
            String(w, "ReturnConsumedCapacity", r.ReturnConsumedCapacity?.Value);
        });
    }

    /// <summary>One attribute value as DynamoDB's JSON, every member the SDK would send (as its marshaller does, unset ones are left out).</summary>
    public static void WriteValue(Utf8JsonWriter w, AttributeValue value)
    {
        w.WriteStartObject();
        String(w, "S", value.S);
        String(w, "N", value.N);
        if (value.B is { } bytes)
        {
            w.WriteBase64String("B", bytes.ToArray());
        }

        Bool(w, "BOOL", value.BOOL);
        Bool(w, "NULL", value.NULL);
        Item(w, "M", value.M);
        if (value.L is { } list)
        {
            w.WriteStartArray("L");
            foreach (var element in list)
            {
                WriteValue(w, element);
            }

            w.WriteEndArray();
        }

        Strings(w, "SS", value.SS);
        Strings(w, "NS", value.NS);
        if (value.BS is { } binaries)
        {
            w.WriteStartArray("BS");
            foreach (var binary in binaries)
            {
                w.WriteBase64StringValue(binary.ToArray());
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One operation of a transaction: the four kinds share every member but the item or key and the update expression.</summary>
    private static void TransactOperation(
        Utf8JsonWriter w,
        string kind,
        string? table,
        (string Name, Dictionary<string, AttributeValue>? Value) keyOrItem,
        string? updateExpression,
        string? condition,
        Dictionary<string, string>? names,
        Dictionary<string, AttributeValue>? values,
        ReturnValuesOnConditionCheckFailure? returnOnFailure)
    {
        w.WriteStartObject(kind);
        String(w, "TableName", table);
        Item(w, keyOrItem.Name, keyOrItem.Value);
        String(w, "UpdateExpression", updateExpression);
        Conditional(w, condition, names, values);
        String(w, "ReturnValuesOnConditionCheckFailure", returnOnFailure?.Value);
        w.WriteEndObject();
    }

    private static void Conditional(Utf8JsonWriter w, string? condition, Dictionary<string, string>? names, Dictionary<string, AttributeValue>? values)
    {
        String(w, "ConditionExpression", condition);
        Names(w, names);
        Item(w, "ExpressionAttributeValues", values);
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Bool(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } set)
        {
            w.WriteBoolean(name, set);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, List<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Names(Utf8JsonWriter w, Dictionary<string, string>? names)
    {
        if (names is null)
        {
            return;
        }

        w.WriteStartObject("ExpressionAttributeNames");
        foreach (var (placeholder, name) in names)
        {
            w.WriteString(placeholder, name);
        }

        w.WriteEndObject();
    }

    /// <summary>An attribute map (item, key, expression values, M) under <paramref name="name"/>, when set.</summary>
    private static void Item(Utf8JsonWriter w, string name, Dictionary<string, AttributeValue>? item)
    {
        if (item is not null)
        {
            w.WritePropertyName(name);
            WriteItem(w, item);
        }
    }

    private static void WriteItem(Utf8JsonWriter w, Dictionary<string, AttributeValue> item)
    {
        w.WriteStartObject();
        foreach (var (name, value) in item)
        {
            w.WritePropertyName(name);
            WriteValue(w, value);
        }

        w.WriteEndObject();
    }

    private static void RejectLegacyWrite(string operation, Dictionary<string, ExpectedAttributeValue>? expected, ConditionalOperator? conditionalOperator, ReturnItemCollectionMetrics? metrics)
    {
        Reject(expected is not null, operation, "Expected");
        Reject(conditionalOperator is not null, operation, "ConditionalOperator");
        RejectMetrics(operation, metrics);
    }

    // NONE is what DynamoDB assumes anyway, so it needs no support; SIZE would need ItemCollectionMetrics read back.
    private static void RejectMetrics(string operation, ReturnItemCollectionMetrics? metrics) =>
        Reject(metrics is not null && metrics != ReturnItemCollectionMetrics.NONE, operation, "ReturnItemCollectionMetrics");

    private static void Reject(bool isSet, string operation, string property)
    {
        if (isSet)
        {
            throw new NotSupportedException(
                $"{operation}: {property} is not supported by {nameof(HttpDynamoDbClient)}; use the expression parameters, or the AWS SDK's client (SdkDynamoDbClient).");
        }
    }
}
