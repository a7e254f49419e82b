using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Aws.Tests.TestSupport;

namespace Gdpr.Workflows.Aws.Tests.StepFunctions;

/// <summary>The wire format and error mapping, against a stub transport answering as AWS does.</summary>
public sealed class StepFunctionsClientTests
{
    private const string ExecutionArn = "arn:aws:states:eu-west-1:123456789012:execution:erasure:req-1";

    [Fact]
    public async Task StartExecutionAsync_Request_PostsJson10WithTargetAndOmitsNulls()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json($$"""{"executionArn":"{{ExecutionArn}}","startDate":1.700000000123E9}"""));
        using var client = Client(stub);

        var result = await client.StartExecutionAsync(new StartExecutionRequest
        {
            StateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:erasure",
            Name = "req-1",
            Input = """{"requestId":"req-1"}""",
        });

        var (request, body) = stub.Requests.Single();
        request.Headers.GetValues("X-Amz-Target").Should().Equal("AWSStepFunctions.StartExecution");
        request.Content!.Headers.ContentType!.ToString().Should().Be("application/x-amz-json-1.0");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(
            """{"stateMachineArn":"arn:aws:states:eu-west-1:123456789012:stateMachine:erasure","name":"req-1","input":"{\"requestId\":\"req-1\"}"}"""))
            .Should().BeTrue(body);
        result.ExecutionArn.Should().Be(ExecutionArn);
        result.StartDate.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));
    }

    [Theory]
    [InlineData("com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists", StepFunctionsErrorCodes.ExecutionAlreadyExists)]
    [InlineData("TaskTimedOut", StepFunctionsErrorCodes.TaskTimedOut)]
    [InlineData("com.amazonaws.swf.base.exceptions#TaskDoesNotExist", StepFunctionsErrorCodes.TaskDoesNotExist)]
    [InlineData("InvalidToken", StepFunctionsErrorCodes.InvalidToken)]
    public async Task SendTaskSuccessAsync_ErrorResponse_ThrowsWithAwsErrorCode(string type, string expectedCode)
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json($$"""{"__type":"{{type}}","message":"Task token is no longer valid"}""", HttpStatusCode.BadRequest));
        using var client = Client(stub);

        var call = () => client.SendTaskSuccessAsync("token-1", """{"outcome":"erased"}""");

        var thrown = (await call.Should().ThrowAsync<AwsServiceException>()).Which;
        thrown.ErrorCode.Should().Be(expectedCode);
        thrown.AwsMessage.Should().Be("Task token is no longer valid");
        thrown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        thrown.RequestId.Should().Be("req-1");
        thrown.IsTransient.Should().BeFalse();
    }

    [Fact]
    public async Task DescribeExecutionAsync_ErrorTypeOnlyInHeader_UsesTheHeader()
    {
        var stub = new StubHttpMessageHandler(_ =>
        {
            var response = AwsResponses.Json(string.Empty, HttpStatusCode.BadRequest);
            response.Headers.Add("x-amzn-ErrorType", "ExecutionDoesNotExist:http://internal.amazon.com/coral/com.amazonaws.swf.service.v2.model/");
            return response;
        });
        using var client = Client(stub);

        var call = () => client.DescribeExecutionAsync(ExecutionArn);

        (await call.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(StepFunctionsErrorCodes.ExecutionDoesNotExist);
    }

    [Fact]
    public async Task DescribeExecutionAsync_ServerErrorWithoutAwsBody_ThrowsTransientHttpCode()
    {
        var stub = new StubHttpMessageHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("<html>busy</html>") });
        using var client = Client(stub);

        var call = () => client.DescribeExecutionAsync(ExecutionArn);

        var thrown = (await call.Should().ThrowAsync<AwsServiceException>()).Which;
        thrown.ErrorCode.Should().Be("Http503");
        thrown.IsTransient.Should().BeTrue();
    }

    [Fact]
    public async Task SendTaskFailureAsync_ErrorAndCause_SendsBoth()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json("{}"));
        using var client = Client(stub);

        await client.SendTaskFailureAsync("token-1", "Erasure.TransientError", "system crm timed out");

        var (request, body) = stub.Requests.Single();
        request.Headers.GetValues("X-Amz-Target").Should().Equal("AWSStepFunctions.SendTaskFailure");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(
            """{"taskToken":"token-1","error":"Erasure.TransientError","cause":"system crm timed out"}""")).Should().BeTrue(body);
    }

    [Fact]
    public async Task SendTaskHeartbeatAsync_EmptyResponseBody_Completes()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json(string.Empty));
        using var client = Client(stub);

        await client.SendTaskHeartbeatAsync("token-1");

        stub.Requests.Single().Body.Should().Be("""{"taskToken":"token-1"}""");
    }

    [Fact]
    public async Task DescribeExecutionAsync_StoppedExecution_ReadsStatusDatesAndError()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json($$"""
            {"executionArn":"{{ExecutionArn}}","stateMachineArn":"arn:sm","name":"req-1","status":"ABORTED",
             "startDate":1700000000,"stopDate":1700000060.5,"input":"{}","error":"Withdrawn","cause":"req-1","unknownNewField":[1]}
            """));
        using var client = Client(stub);

        var execution = await client.DescribeExecutionAsync(ExecutionArn);

        execution.Status.Should().Be(ExecutionStatus.Aborted);
        execution.StopDate.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_060_500));
        execution.Error.Should().Be("Withdrawn");
        execution.Output.Should().BeNull();
    }

    [Fact]
    public async Task EnumerateExecutionHistoryAsync_TwoPages_FollowsNextTokenAndExposesDetails()
    {
        var pages = new Queue<string>([
            """{"events":[{"id":1,"previousEventId":0,"timestamp":1700000000,"type":"ExecutionStarted","executionStartedEventDetails":{"input":"{}"}},{"id":2,"previousEventId":1,"timestamp":1700000001,"type":"TaskStateEntered","stateEnteredEventDetails":{"name":"Ledger"}}],"nextToken":"page-2"}""",
            """{"events":[{"id":3,"previousEventId":2,"timestamp":1700000002,"type":"TaskFailed","taskFailedEventDetails":{"error":"Erasure.TransientError","cause":""}}]}""",
        ]);
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json(pages.Dequeue()));
        using var client = Client(stub);

        var events = await client.EnumerateExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = ExecutionArn, MaxResults = 2 }).ToListAsync();

        events.Select(e => e.Id).Should().Equal(1, 2, 3);
        events[2].Details!.Value.GetProperty("error").GetString().Should().Be("Erasure.TransientError");
        JsonNode.Parse(stub.Requests[1].Body)!["nextToken"]!.GetValue<string>().Should().Be("page-2");
        JsonNode.Parse(stub.Requests[1].Body)!["maxResults"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task EnumerateExecutionsAsync_TwoPages_ReturnsEveryExecution()
    {
        var pages = new Queue<string>([
            """{"executions":[{"executionArn":"arn:1","status":"RUNNING","startDate":1700000000}],"nextToken":"t"}""",
            """{"executions":[{"executionArn":"arn:2","status":"SUCCEEDED","startDate":1700000000,"stopDate":1700000009}]}""",
        ]);
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json(pages.Dequeue()));
        using var client = Client(stub);

        var executions = await client.EnumerateExecutionsAsync(new ListExecutionsRequest { StateMachineArn = "arn:sm" }).ToListAsync();

        executions.Select(e => e.ExecutionArn).Should().Equal("arn:1", "arn:2");
        stub.Requests.Select(r => r.Request.Headers.GetValues("X-Amz-Target").Single()).Should().AllBe("AWSStepFunctions.ListExecutions");
    }

    [Fact]
    public void Endpoint_NoCustomEndpoint_IsTheRegionalOne()
    {
        using var client = new StepFunctionsClient(new AwsClientOptions { Region = "eu-west-2", Credentials = new BasicAWSCredentials("a", "b") });

        client.Endpoint.Should().Be(new Uri("https://states.eu-west-2.amazonaws.com/"));
    }

    private static StepFunctionsClient Client(StubHttpMessageHandler stub) => new(new AwsClientOptions
    {
        Region = "eu-west-1",
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        HttpMessageHandler = stub,
    });
}
