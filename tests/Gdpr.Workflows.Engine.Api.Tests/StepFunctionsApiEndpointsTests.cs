using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Api.Tests.Support;

namespace Gdpr.Workflows.Engine.Api.Tests;

/// <summary>The AWS JSON 1.0 protocol at the HTTP level: what no SDK sends, answered in AWS's error shape.</summary>
public sealed class StepFunctionsApiEndpointsTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Post_UnknownOperation_AnswersUnknownOperationException()
    {
        var (status, body) = await PostAsync(host.Url, "AWSStepFunctions.DoSomethingElse", "{}");

        status.Should().Be(HttpStatusCode.BadRequest);
        body["__type"]!.GetValue<string>().Should().Be("UnknownOperationException");
    }

    [Fact]
    public async Task Post_TargetOfAnotherService_AnswersUnknownOperationException()
    {
        var (status, body) = await PostAsync(host.Url, "DynamoDB_20120810.ListTables", "{}");

        status.Should().Be(HttpStatusCode.BadRequest);
        body["__type"]!.GetValue<string>().Should().Be("UnknownOperationException");
    }

    [Fact]
    public async Task Post_BodyNotJson_AnswersSerializationException()
    {
        var (status, body) = await PostAsync(host.Url, "AWSStepFunctions.ListStateMachines", "{not json");

        status.Should().Be(HttpStatusCode.BadRequest);
        body["__type"]!.GetValue<string>().Should().Be("SerializationException");
        body["message"]!.GetValue<string>().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Post_MemberOfWrongType_AnswersSerializationException()
    {
        var (_, body) = await PostAsync(host.Url, "AWSStepFunctions.DescribeExecution", """{"executionArn": 42}""");

        body["__type"]!.GetValue<string>().Should().Be("SerializationException");
    }

    [Fact]
    public async Task Post_RequiredMemberMissing_AnswersValidationException()
    {
        var (_, body) = await PostAsync(host.Url, "AWSStepFunctions.DescribeExecution", "{}");

        body["__type"]!.GetValue<string>().Should().Be("ValidationException");
        body["message"]!.GetValue<string>().Should().Contain("executionArn");
    }

    [Fact]
    public async Task Post_SignedEndpointWithoutSignature_AnswersMissingAuthenticationToken()
    {
        var (status, body) = await PostAsync(host.SignedUrl, "AWSStepFunctions.ListStateMachines", "{}");

        status.Should().Be(HttpStatusCode.BadRequest);
        body["__type"]!.GetValue<string>().Should().Be("MissingAuthenticationTokenException");
    }

    [Fact]
    public async Task Post_ListStateMachines_AnswersAmzJsonWithRequestId()
    {
        using var client = new HttpClient();
        using var request = Request(host.Url, "AWSStepFunctions.ListStateMachines", "{}");

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/x-amz-json-1.0");
        response.Headers.GetValues("x-amzn-RequestId").Single().Should().NotBeEmpty();
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["stateMachines"].Should().BeOfType<JsonArray>();
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(Uri url, string target, string json)
    {
        using var client = new HttpClient();
        using var request = Request(url, target, json);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static HttpRequestMessage Request(Uri url, string target, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", target);
        return request;
    }
}
