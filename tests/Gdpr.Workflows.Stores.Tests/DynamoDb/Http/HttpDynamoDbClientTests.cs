using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Stores.DynamoDb.Http;
using Gdpr.Workflows.TestSupport.Http;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Stores.Tests.DynamoDb.Http;

public sealed class HttpDynamoDbClientTests
{
    private const string Prefix = "com.amazonaws.dynamodb.v20120810#";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public async Task PutThenGet_EveryAttributeKind_RoundTripsThroughTheWireJson()
    {
        var sent = new Dictionary<string, AttributeValue>
        {
            ["s"] = new() { S = "zoë\u001fx" },
            ["n"] = new() { N = "-12.5" },
            ["b"] = new() { B = new MemoryStream([0, 1, 254, 255]) },
            ["t"] = new() { BOOL = true },
            ["f"] = new() { BOOL = false },
            ["null"] = new() { NULL = true },
            ["m"] = new() { M = new() { ["inner"] = new() { S = "v" }, ["empty"] = new() { M = [] } } },
            ["l"] = new() { L = [new() { N = "1" }, new() { L = [] }, new() { S = "two" }] },
            ["ss"] = new() { SS = ["a", "b"] },
            ["ns"] = new() { NS = ["1", "2.5"] },
            ["bs"] = new() { BS = [new MemoryStream([1]), new MemoryStream([2, 3])] },
        };
        string? storedItemJson = null;
        var handler = new StubHttpMessageHandler(request =>
        {
            if (Target(request) == "DynamoDB_20120810.PutItem")
            {
                return Answer(HttpStatusCode.OK, "{}");
            }

            return Answer(HttpStatusCode.OK, $$"""{"Item":{{storedItemJson}}}""");
        });
        using var client = Client(handler);

        await client.PutItemAsync(new PutItemRequest { TableName = "T", Item = sent });
        storedItemJson = JsonNode.Parse(handler.Requests[0].Body)!["Item"]!.ToJsonString();
        var got = await client.GetItemAsync(new GetItemRequest { TableName = "T", Key = new() { ["s"] = new() { S = "k" } }, ConsistentRead = true });

        handler.Requests[0].Body.Should().Be(Minified("""
            {"TableName":"T","Item":{
              "s":{"S":"zoë\u001Fx"},"n":{"N":"-12.5"},"b":{"B":"AAH+/w=="},"t":{"BOOL":true},"f":{"BOOL":false},"null":{"NULL":true},
              "m":{"M":{"inner":{"S":"v"},"empty":{"M":{}}}},"l":{"L":[{"N":"1"},{"L":[]},{"S":"two"}]},
              "ss":{"SS":["a","b"]},"ns":{"NS":["1","2.5"]},"bs":{"BS":["AQ==","AgM="]}}}
            """));
        handler.Requests[1].Body.Should().Be("""{"TableName":"T","Key":{"s":{"S":"k"}},"ConsistentRead":true}""");
        var item = got.Item;
        item.Keys.Should().BeEquivalentTo(sent.Keys);
        item["s"].S.Should().Be("zoë\u001fx");
        item["n"].N.Should().Be("-12.5");
        item["b"].B.ToArray().Should().Equal(0, 1, 254, 255);
        item["t"].BOOL.Should().BeTrue();
        item["f"].BOOL.Should().BeFalse();
        item["null"].NULL.Should().BeTrue();
        item["m"].M["inner"].S.Should().Be("v");
        item["m"].M["empty"].M.Should().BeEmpty();
        item["l"].L.Select(v => v.N ?? v.S ?? (v.L is { Count: 0 } ? "[]" : "?")).Should().Equal("1", "[]", "two");
        item["ss"].SS.Should().Equal("a", "b");
        item["ns"].NS.Should().Equal("1", "2.5");
        item["bs"].BS.Select(b => b.ToArray()).Should().BeEquivalentTo(new[] { new byte[] { 1 }, [2, 3] }, o => o.WithStrictOrdering());
        item["s"].M.Should().BeNull("an unset kind stays null, as the SDK's unmarshaller leaves it");
        got.HttpStatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task GetItem_MissingKey_ItemIsNullAsTheSdkAnswers()
    {
        using var client = Client(new StubHttpMessageHandler(_ => Answer(HttpStatusCode.OK, "{}")));

        var got = await client.GetItemAsync(new GetItemRequest { TableName = "T", Key = new() { ["k"] = new() { S = "absent" } } });

        got.Item.Should().BeNull();
        got.IsItemSet.Should().BeFalse();
    }

    [Fact]
    public async Task TransactWriteItems_AllFourKinds_SendsSignedJsonAndReadsConsumedCapacity()
    {
        var handler = new StubHttpMessageHandler(_ => Answer(
            HttpStatusCode.OK, """{"ConsumedCapacity":[{"TableName":"T","CapacityUnits":4.0,"ReadCapacityUnits":4.0,"WriteCapacityUnits":0.0}]}"""));
        using var client = Client(handler);

        var response = await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new() { ConditionCheck = new ConditionCheck { TableName = "T", Key = Key("a"), ConditionExpression = "attribute_exists(pk)" } },
                new()
                {
                    Put = new Put
                    {
                        TableName = "T",
                        Item = Key("b"),
                        ConditionExpression = "attribute_not_exists(pk)",
                        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                    },
                },
                new()
                {
                    Update = new Update
                    {
                        TableName = "T",
                        Key = Key("c"),
                        UpdateExpression = "SET #v = :v REMOVE q",
                        ConditionExpression = "#v = :old",
                        ExpressionAttributeNames = new() { ["#v"] = "version" },
                        ExpressionAttributeValues = new() { [":v"] = new() { N = "2" }, [":old"] = new() { N = "1" } },
                    },
                },
                new() { Delete = new Delete { TableName = "T", Key = Key("d") } },
            ],
            ClientRequestToken = "token-1",
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        });

        var (request, body) = handler.Requests.Should().ContainSingle().Subject;
        body.Should().Be(Minified("""
            {"TransactItems":[
              {"ConditionCheck":{"TableName":"T","Key":{"pk":{"S":"a"}},"ConditionExpression":"attribute_exists(pk)"}},
              {"Put":{"TableName":"T","Item":{"pk":{"S":"b"}},"ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},
              {"Update":{"TableName":"T","Key":{"pk":{"S":"c"}},"UpdateExpression":"SET #v = :v REMOVE q","ConditionExpression":"#v = :old",
                "ExpressionAttributeNames":{"#v":"version"},"ExpressionAttributeValues":{":v":{"N":"2"},":old":{"N":"1"}}}},
              {"Delete":{"TableName":"T","Key":{"pk":{"S":"d"}}}}],
             "ClientRequestToken":"token-1","ReturnConsumedCapacity":"TOTAL"}
            """));
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri.Should().Be(new Uri("http://dynamodb.test/"));
        Target(request).Should().Be("DynamoDB_20120810.TransactWriteItems");
        request.Content!.Headers.ContentType!.ToString().Should().Be("application/x-amz-json-1.0");
        request.Headers.GetValues("Authorization").Single().Should().StartWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/eu-west-1/dynamodb/aws4_request");
        var capacity = response.ConsumedCapacity.Should().ContainSingle().Subject;
        (capacity.TableName, capacity.ReadCapacityUnits, capacity.WriteCapacityUnits).Should().Be(("T", 4.0, 0.0));
    }

    [Fact]
    public async Task TransactWriteItems_Cancelled_ThrowsSdkExceptionWithReasonsAndOldItemWithoutRetrying()
    {
        var handler = new StubHttpMessageHandler(_ => Answer(HttpStatusCode.BadRequest, """
            {"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",
             "Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]",
             "CancellationReasons":[{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"pk":{"S":"b"},"version":{"N":"3"}}},{"Code":"None"}]}
            """));
        using var client = Client(handler);

        var act = () => client.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems = [new() { Put = new Put { TableName = "T", Item = Key("b"), ConditionExpression = "attribute_not_exists(pk)" } }],
        });

        var cancelled = (await act.Should().ThrowAsync<TransactionCanceledException>()).Subject.Single();
        cancelled.ErrorCode.Should().Be("TransactionCanceledException");
        cancelled.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        cancelled.Message.Should().StartWith("Transaction cancelled");
        cancelled.CancellationReasons.Select(r => r.Code).Should().Equal("ConditionalCheckFailed", "None");
        cancelled.CancellationReasons[0].Message.Should().Be("The conditional request failed");
        cancelled.CancellationReasons[0].Item["version"].N.Should().Be("3");
        cancelled.CancellationReasons[1].Item.Should().BeNull();
        handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task UpdateItem_ConditionFailedWithAllOld_ThrowsConditionalCheckFailedWithItem()
    {
        var handler = new StubHttpMessageHandler(_ => Answer(HttpStatusCode.BadRequest, """
            {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"c"},"version":{"N":"7"}}}
            """));
        using var client = Client(handler);

        var act = () => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = "T",
            Key = Key("c"),
            UpdateExpression = "SET version = :v",
            ConditionExpression = "version = :old",
            ExpressionAttributeValues = new() { [":v"] = new() { N = "2" }, [":old"] = new() { N = "1" } },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        });

        var failed = (await act.Should().ThrowAsync<ConditionalCheckFailedException>()).Subject.Single();
        failed.ErrorCode.Should().Be("ConditionalCheckFailedException");
        failed.Item["version"].N.Should().Be("7");
        JsonNode.Parse(handler.Requests.Single().Body)!["ReturnValuesOnConditionCheckFailure"]!.GetValue<string>().Should().Be("ALL_OLD");
    }

    [Fact]
    public async Task GetItem_ThrottledThenAnswered_RetriesAfterBackoffAndReturnsTheItem()
    {
        var answers = new Queue<HttpResponseMessage>(
        [
            Answer(HttpStatusCode.BadRequest, $$"""{"__type":"{{Prefix}}ProvisionedThroughputExceededException","message":"slow down"}"""),
            Answer(HttpStatusCode.InternalServerError, $$"""{"__type":"{{Prefix}}InternalServerError","message":"oops"}"""),
            Answer(HttpStatusCode.OK, """{"Item":{"pk":{"S":"a"}}}"""),
        ]);
        var handler = new StubHttpMessageHandler(_ => answers.Dequeue());
        using var client = Client(handler);

        var got = await CompleteWithFakeTime(client.GetItemAsync(new GetItemRequest { TableName = "T", Key = Key("a") }));

        got.Item["pk"].S.Should().Be("a");
        handler.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task GetItem_ConnectionFailsOnce_RetriesAndSucceeds()
    {
        var calls = 0;
        var handler = new StubHttpMessageHandler(_ => ++calls == 1
            ? throw new HttpRequestException("connection reset")
            : Answer(HttpStatusCode.OK, """{"Item":{"pk":{"S":"a"}}}"""));
        using var client = Client(handler);

        var got = await CompleteWithFakeTime(client.GetItemAsync(new GetItemRequest { TableName = "T", Key = Key("a") }));

        got.Item.Should().ContainKey("pk");
        calls.Should().Be(2);
    }

    [Fact]
    public async Task Query_ThrottledOnEveryAttempt_ThrowsAfterThreeAttempts()
    {
        var handler = new StubHttpMessageHandler(_ => Answer(HttpStatusCode.BadRequest, $$"""{"__type":"{{Prefix}}ThrottlingException","message":"rate exceeded"}"""));
        using var client = Client(handler);

        var act = () => CompleteWithFakeTime(client.QueryAsync(new QueryRequest { TableName = "T", KeyConditionExpression = "pk = :p" }));

        var error = (await act.Should().ThrowAsync<AmazonDynamoDBException>()).Subject.Single();
        error.ErrorCode.Should().Be("ThrottlingException");
        handler.Requests.Should().HaveCount(HttpDynamoDbClient.MaxAttempts);
    }

    [Fact]
    public async Task PutItem_ValidationException_ThrowsOnceWithCodeAndStatus()
    {
        var handler = new StubHttpMessageHandler(_ => Answer(HttpStatusCode.BadRequest, $$"""{"__type":"{{Prefix}}ValidationException","message":"One or more parameter values were invalid"}"""));
        using var client = Client(handler);

        var act = () => client.PutItemAsync(new PutItemRequest { TableName = "T", Item = Key("a") });

        var error = (await act.Should().ThrowExactlyAsync<AmazonDynamoDBException>()).Subject.Single();
        (error.ErrorCode, error.StatusCode, error.ErrorType).Should().Be(("ValidationException", HttpStatusCode.BadRequest, ErrorType.Sender));
        error.Message.Should().Be("One or more parameter values were invalid");
        handler.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Errors_ModelledCodes_ThrowTheSdkTypes()
    {
        foreach (var (code, expected) in new (string, Type)[]
        {
            ("ResourceNotFoundException", typeof(ResourceNotFoundException)),
            ("TransactionInProgressException", typeof(TransactionInProgressException)),
            ("ProvisionedThroughputExceededException", typeof(ProvisionedThroughputExceededException)),
        })
        {
            using var client = Client(new StubHttpMessageHandler(_ => Answer(HttpStatusCode.BadRequest, $$"""{"__type":"{{Prefix}}{{code}}","message":"m"}""")));

            var act = () => CompleteWithFakeTime(client.DeleteItemAsync(new DeleteItemRequest { TableName = "T", Key = Key("a") }));

            var error = (await act.Should().ThrowAsync<AmazonDynamoDBException>()).Subject.Single();
            error.Should().BeOfType(expected);
            error.ErrorCode.Should().Be(code);
        }
    }

    [Fact]
    public async Task Requests_UnsupportedPropertySet_ThrowNotSupportedAndSendNothing()
    {
        var handler = new StubHttpMessageHandler(_ => Answer(HttpStatusCode.OK, "{}"));
        using var client = Client(handler);

        var get = () => client.GetItemAsync(new GetItemRequest { TableName = "T", Key = Key("a"), AttributesToGet = ["pk"] });
        var query = () => client.QueryAsync(new QueryRequest
        {
            TableName = "T",
            KeyConditions = new() { ["pk"] = new Condition { ComparisonOperator = ComparisonOperator.EQ, AttributeValueList = [new() { S = "a" }] } },
        });
        var put = () => client.PutItemAsync(new PutItemRequest { TableName = "T", Item = Key("a"), ReturnItemCollectionMetrics = ReturnItemCollectionMetrics.SIZE });
        var update = () => client.UpdateItemAsync(new UpdateItemRequest { TableName = "T", Key = Key("a"), AttributeUpdates = [] });

        (await get.Should().ThrowAsync<NotSupportedException>()).WithMessage("*AttributesToGet*");
        (await query.Should().ThrowAsync<NotSupportedException>()).WithMessage("*KeyConditions*");
        (await put.Should().ThrowAsync<NotSupportedException>()).WithMessage("*ReturnItemCollectionMetrics*");
        (await update.Should().ThrowAsync<NotSupportedException>()).WithMessage("*AttributeUpdates*");
        handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task QueryAndBatchGet_PagingMembers_AreWrittenAndRead()
    {
        var handler = new StubHttpMessageHandler(request => Target(request) == "DynamoDB_20120810.Query"
            ? Answer(HttpStatusCode.OK, """{"Count":1,"ScannedCount":2,"Items":[{"pk":{"S":"a"}}],"LastEvaluatedKey":{"pk":{"S":"a"}}}""")
            : Answer(HttpStatusCode.OK, """{"Responses":{"T":[{"pk":{"S":"a"}}]},"UnprocessedKeys":{"T":{"Keys":[{"pk":{"S":"b"}}],"ConsistentRead":true}}}"""));
        using var client = Client(handler);

        var page = await client.QueryAsync(new QueryRequest
        {
            TableName = "T",
            IndexName = "ByX",
            KeyConditionExpression = "#x = :x",
            FilterExpression = "attribute_exists(y)",
            ProjectionExpression = "pk, y",
            ExpressionAttributeNames = new() { ["#x"] = "x" },
            ExpressionAttributeValues = new() { [":x"] = new() { S = "1" } },
            ConsistentRead = false,
            Limit = 5,
            ScanIndexForward = false,
            ExclusiveStartKey = Key("z"),
        });
        var batch = await client.BatchGetItemAsync(new BatchGetItemRequest
        {
            RequestItems = new() { ["T"] = new KeysAndAttributes { Keys = [Key("a"), Key("b")], ConsistentRead = true } },
        });

        handler.Requests[0].Body.Should().Be(Minified("""
            {"TableName":"T","IndexName":"ByX","KeyConditionExpression":"#x = :x","FilterExpression":"attribute_exists(y)",
             "ProjectionExpression":"pk, y","ExpressionAttributeNames":{"#x":"x"},"ExpressionAttributeValues":{":x":{"S":"1"}},
             "ConsistentRead":false,"Limit":5,"ScanIndexForward":false,"ExclusiveStartKey":{"pk":{"S":"z"}}}
            """));
        handler.Requests[1].Body.Should().Be("""{"RequestItems":{"T":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"b"}}],"ConsistentRead":true}}}""");
        (page.Count, page.ScannedCount).Should().Be((1, 2));
        page.Items.Should().ContainSingle();
        page.LastEvaluatedKey["pk"].S.Should().Be("a");
        batch.Responses["T"].Should().ContainSingle().Which["pk"].S.Should().Be("a");
        batch.UnprocessedKeys["T"].Keys.Should().ContainSingle().Which["pk"].S.Should().Be("b");
        batch.UnprocessedKeys["T"].ConsistentRead.Should().BeTrue();
    }

    [Fact]
    public void FromEnvironment_DynamoDbEndpointVariable_WinsOverTheGeneralOneAndRegionDefaultsTheHost()
    {
        var variables = new Dictionary<string, string>
        {
            ["AWS_REGION"] = "eu-west-2",
            ["AWS_ACCESS_KEY_ID"] = "AKID",
            ["AWS_SECRET_ACCESS_KEY"] = "SECRET",
            ["AWS_ENDPOINT_URL"] = "http://general:4566/",
            ["AWS_ENDPOINT_URL_DYNAMODB"] = "http://dynamo:8000/",
        };

        using var specific = HttpDynamoDbClient.FromEnvironment(variables.GetValueOrDefault);
        variables.Remove("AWS_ENDPOINT_URL_DYNAMODB");
        using var general = HttpDynamoDbClient.FromEnvironment(variables.GetValueOrDefault);
        variables.Remove("AWS_ENDPOINT_URL");
        using var regional = HttpDynamoDbClient.FromEnvironment(variables.GetValueOrDefault);

        specific.Endpoint.Should().Be(new Uri("http://dynamo:8000/"));
        general.Endpoint.Should().Be(new Uri("http://general:4566/"));
        regional.Endpoint.Should().Be(new Uri("https://dynamodb.eu-west-2.amazonaws.com/"));
    }

    [Fact]
    public void SdkModels_EveryPublicProperty_IsOneTheClientSendsOrRefuses()
    {
        // Sent by DynamoDbRequestWriter (Is*Set only mirror their value), or refused with NotSupportedException there. A property a newer SDK
        // adds fails this test, so it cannot be dropped silently.
        const string conditional = "ConditionExpression ExpressionAttributeNames ExpressionAttributeValues ReturnValuesOnConditionCheckFailure TableName";
        const string legacyWrite = "ConditionalOperator Expected ReturnItemCollectionMetrics ReturnConsumedCapacity ReturnValues";
        var known = new Dictionary<Type, string>
        {
            [typeof(GetItemRequest)] = "AttributesToGet ConsistentRead ExpressionAttributeNames Key ProjectionExpression ReturnConsumedCapacity TableName",
            [typeof(PutItemRequest)] = $"Item {conditional} {legacyWrite}",
            [typeof(UpdateItemRequest)] = $"Key UpdateExpression AttributeUpdates {conditional} {legacyWrite}",
            [typeof(DeleteItemRequest)] = $"Key {conditional} {legacyWrite}",
            [typeof(QueryRequest)] = "AttributesToGet ConditionalOperator ConsistentRead ExclusiveStartKey ExpressionAttributeNames ExpressionAttributeValues "
                + "FilterExpression IndexName KeyConditionExpression KeyConditions Limit IsLimitSet ProjectionExpression QueryFilter ReturnConsumedCapacity "
                + "ScanIndexForward Select TableName",
            [typeof(BatchGetItemRequest)] = "RequestItems ReturnConsumedCapacity",
            [typeof(KeysAndAttributes)] = "AttributesToGet ConsistentRead ExpressionAttributeNames Keys ProjectionExpression",
            [typeof(TransactWriteItemsRequest)] = "ClientRequestToken ReturnConsumedCapacity ReturnItemCollectionMetrics TransactItems",
            [typeof(TransactWriteItem)] = "ConditionCheck Delete Put Update",
            [typeof(ConditionCheck)] = $"Key {conditional}",
            [typeof(Put)] = $"Item {conditional}",
            [typeof(Update)] = $"Key UpdateExpression {conditional}",
            [typeof(Delete)] = $"Key {conditional}",
            [typeof(AttributeValue)] = "S N B BOOL NULL M L SS NS BS IsBOOLSet IsMSet IsLSet IsSSSet IsNSSet IsBSSet",
        };

        foreach (var (type, names) in known)
        {
            type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Select(p => p.Name)
                .Should().BeSubsetOf(names.Split(' ', StringSplitOptions.RemoveEmptyEntries), type.Name);
        }
    }

    private static Dictionary<string, AttributeValue> Key(string value) => new() { ["pk"] = new() { S = value } };

    private static string Minified(string json) => string.Concat(json.Split('\n').Select(line => line.Trim()));

    private static string? Target(HttpRequestMessage request) =>
        request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : null;

    private static HttpResponseMessage Answer(HttpStatusCode status, string json) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.0"),
    };

    private HttpDynamoDbClient Client(StubHttpMessageHandler handler) => new(new AwsClientOptions
    {
        Region = "eu-west-1",
        Endpoint = new Uri("http://dynamodb.test/"),
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "SECRET"),
        HttpMessageHandler = handler,
        TimeProvider = _time,
    });

    /// <summary>Moves the fake clock on until the call is done, so its backoff waits pass without real time.</summary>
    private async Task<T> CompleteWithFakeTime<T>(Task<T> call)
    {
        while (!call.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        return await call;
    }
}
