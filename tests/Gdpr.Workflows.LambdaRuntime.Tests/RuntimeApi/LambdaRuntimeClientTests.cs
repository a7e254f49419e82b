using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.LambdaRuntime.RuntimeApi;
using Gdpr.Workflows.LambdaRuntime.Tests.TestSupport;

namespace Gdpr.Workflows.LambdaRuntime.Tests.RuntimeApi;

public class LambdaRuntimeClientTests
{
    [Fact]
    public void Constructor_RuntimeApiHostAndPort_BuildsVersionedBaseAddress()
    {
        using var client = new LambdaRuntimeClient("127.0.0.1:9001", new StubHttpMessageHandler(_ => Accepted()));

        client.BaseAddress.Should().Be(new Uri("http://127.0.0.1:9001/2018-06-01/runtime/"));
    }

    [Fact]
    public async Task GetNextInvocationAsync_AllHeadersPresent_ReadsThemIntoInvocation()
    {
        var stub = new StubHttpMessageHandler(_ => Next(
            ("Lambda-Runtime-Aws-Request-Id", "8476a536-e9f4-11e8-9739-2dfe598c3fcd"),
            ("Lambda-Runtime-Deadline-Ms", "1542409706888"),
            ("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-2:123456789012:function:custom-runtime"),
            ("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"),
            ("Lambda-Runtime-Client-Context", """{"client":{}}"""),
            ("Lambda-Runtime-Cognito-Identity", """{"cognitoIdentityId":"x"}""")));
        using var client = new LambdaRuntimeClient("127.0.0.1:9001", stub);

        var invocation = await client.GetNextInvocationAsync();

        stub.Requests.Should().ContainSingle().Which.Request.RequestUri.Should()
            .Be(new Uri("http://127.0.0.1:9001/2018-06-01/runtime/invocation/next"));
        invocation.RequestId.Should().Be("8476a536-e9f4-11e8-9739-2dfe598c3fcd");
        invocation.Deadline.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1542409706888));
        invocation.InvokedFunctionArn.Should().Be("arn:aws:lambda:us-east-2:123456789012:function:custom-runtime");
        invocation.TraceId.Should().Be("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1");
        invocation.ClientContext.Should().Be("""{"client":{}}""");
        invocation.CognitoIdentity.Should().Be("""{"cognitoIdentityId":"x"}""");
        Encoding.UTF8.GetString(invocation.Event.Span).Should().Be("""{"subjectId":"s-1"}""");
    }

    [Fact]
    public async Task GetNextInvocationAsync_OptionalHeadersAbsent_LeavesThemNull()
    {
        using var client = new LambdaRuntimeClient("127.0.0.1:9001", new StubHttpMessageHandler(_ => Next(
            ("Lambda-Runtime-Aws-Request-Id", "req-1"), ("Lambda-Runtime-Deadline-Ms", "1000"))));

        var invocation = await client.GetNextInvocationAsync();

        invocation.TraceId.Should().BeNull();
        invocation.ClientContext.Should().BeNull();
        invocation.CognitoIdentity.Should().BeNull();
        invocation.InvokedFunctionArn.Should().BeNull();
    }

    [Fact]
    public async Task GetNextInvocationAsync_NoRequestId_ThrowsFatalRuntimeApiException()
    {
        using var client = new LambdaRuntimeClient("127.0.0.1:9001", new StubHttpMessageHandler(_ => Next(
            ("Lambda-Runtime-Deadline-Ms", "1000"))));

        var act = () => client.GetNextInvocationAsync();

        (await act.Should().ThrowAsync<LambdaRuntimeApiException>()).Which.IsFatal.Should().BeTrue();
    }

    [Fact]
    public async Task GetNextInvocationAsync_DeadlineNotANumber_ThrowsFatalRuntimeApiException()
    {
        using var client = new LambdaRuntimeClient("127.0.0.1:9001", new StubHttpMessageHandler(_ => Next(
            ("Lambda-Runtime-Aws-Request-Id", "req-1"), ("Lambda-Runtime-Deadline-Ms", "soon"))));

        var act = () => client.GetNextInvocationAsync();

        (await act.Should().ThrowAsync<LambdaRuntimeApiException>()).Which.IsFatal.Should().BeTrue();
    }

    [Fact]
    public async Task PostResponseAsync_RequestIdWithReservedCharacters_EscapesItInThePath()
    {
        var stub = new StubHttpMessageHandler(_ => Accepted());
        using var client = new LambdaRuntimeClient("127.0.0.1:9001", stub);

        await client.PostResponseAsync("a b/c", Encoding.UTF8.GetBytes("""{"done":true}"""));

        var (request, body) = stub.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri!.AbsoluteUri.Should().Be("http://127.0.0.1:9001/2018-06-01/runtime/invocation/a%20b%2Fc/response");
        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/json");
        body.Should().Be("""{"done":true}""");
    }

    [Fact]
    public async Task PostInvocationErrorAsync_Error_SendsErrorDocumentAndErrorTypeHeader()
    {
        var stub = new StubHttpMessageHandler(_ => Accepted());
        using var client = new LambdaRuntimeClient("127.0.0.1:9001", stub);

        await client.PostInvocationErrorAsync("req-1", new LambdaError("throttled", "TransientError", ["at A", "at B"]));

        var (request, body) = stub.Requests.Should().ContainSingle().Subject;
        request.RequestUri!.AbsolutePath.Should().Be("/2018-06-01/runtime/invocation/req-1/error");
        request.Headers.GetValues("Lambda-Runtime-Function-Error-Type").Should().Equal("TransientError");
        var json = JsonNode.Parse(body)!;
        json["errorMessage"]!.GetValue<string>().Should().Be("throttled");
        json["errorType"]!.GetValue<string>().Should().Be("TransientError");
        json["stackTrace"]!.AsArray().Select(frame => frame!.GetValue<string>()).Should().Equal("at A", "at B");
    }

    [Fact]
    public async Task PostInitErrorAsync_NonAsciiErrorType_PostsToInitErrorWithAsciiHeader()
    {
        var stub = new StubHttpMessageHandler(_ => Accepted());
        using var client = new LambdaRuntimeClient("127.0.0.1:9001", stub);

        await client.PostInitErrorAsync(new LambdaError("bad config", "Config\u00e9rror", []));

        var (request, body) = stub.Requests.Should().ContainSingle().Subject;
        request.RequestUri!.AbsolutePath.Should().Be("/2018-06-01/runtime/init/error");
        request.Headers.GetValues("Lambda-Runtime-Function-Error-Type").Should().Equal("Config_rror");
        JsonNode.Parse(body)!["errorType"]!.GetValue<string>().Should().Be("Config\u00e9rror");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, false)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    public async Task PostResponseAsync_ErrorStatus_ThrowsWithStatusAndFatality(HttpStatusCode status, bool fatal)
    {
        using var client = new LambdaRuntimeClient("127.0.0.1:9001", new StubHttpMessageHandler(_ => new HttpResponseMessage(status)
        {
            Content = new StringContent("""{"errorMessage":"nope","errorType":"X"}"""),
        }));

        var act = () => client.PostResponseAsync("req-1", Encoding.UTF8.GetBytes("{}"));

        var thrown = (await act.Should().ThrowAsync<LambdaRuntimeApiException>()).Which;
        thrown.StatusCode.Should().Be(status);
        thrown.IsFatal.Should().Be(fatal);
    }

    [Fact]
    public async Task GetNextInvocationAsync_AgainstFakeRuntimeApi_WaitsUntilAnEventIsQueued()
    {
        await using var api = FakeLambdaRuntimeApi.Start();
        using var client = new LambdaRuntimeClient(api.RuntimeApi);

        var next = client.GetNextInvocationAsync();
        await Task.Delay(100);
        next.IsCompleted.Should().BeFalse("invocation/next long-polls until there is an event");
        api.Enqueue(FakeInvocation.FromJson("req-1", "{}", DateTimeOffset.UnixEpoch.AddHours(1)));
        var invocation = await next.WaitAsync(TimeSpan.FromSeconds(10));

        invocation.RequestId.Should().Be("req-1");
        invocation.Deadline.Should().Be(DateTimeOffset.UnixEpoch.AddHours(1));
    }

    [Fact]
    public async Task GetNextInvocationAsync_CallerGivesUp_EventGoesToTheNextCaller()
    {
        await using var api = FakeLambdaRuntimeApi.Start();
        using (var abandoned = new LambdaRuntimeClient(api.RuntimeApi))
        using (var giveUp = new CancellationTokenSource())
        {
            var polling = abandoned.GetNextInvocationAsync(giveUp.Token);
            await WaitForNextRequestsAsync(api, 1);
            await giveUp.CancelAsync();
            await FluentActions.Awaiting(() => polling).Should().ThrowAsync<OperationCanceledException>();
        }

        using var client = new LambdaRuntimeClient(api.RuntimeApi);
        api.Enqueue(FakeInvocation.FromJson("req-1", "{}", DateTimeOffset.UnixEpoch.AddHours(1)));
        var invocation = await client.GetNextInvocationAsync().WaitAsync(TimeSpan.FromSeconds(10));

        invocation.RequestId.Should().Be("req-1");
    }

    private static async Task WaitForNextRequestsAsync(FakeLambdaRuntimeApi api, int count)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (api.NextRequestCount < count)
        {
            DateTime.UtcNow.Should().BeBefore(giveUp);
            await Task.Delay(10);
        }
    }

    private static HttpResponseMessage Accepted() => new(HttpStatusCode.Accepted) { Content = new StringContent("""{"status":"OK"}""") };

    private static HttpResponseMessage Next(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"subjectId":"s-1"}""") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
