using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Aws.Tests.TestSupport;

namespace Gdpr.Workflows.Aws.Tests.Ssm;

/// <summary>The wire format of SSM's JSON 1.1 API (AmazonSSM targets, PascalCase members), on a stub transport.</summary>
public sealed class SsmClientTests
{
    [Fact]
    public async Task GetParameterAsync_Name_PostsJson11AmazonSsmGetParameter()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json(
            """{"Parameter":{"Name":"/gdpr/prod/systems/crm","Type":"String","Value":"{\"name\":\"crm\"}","Version":3,"LastModifiedDate":1.7E9,"ARN":"arn:aws:ssm:eu-west-1:123456789012:parameter/gdpr/prod/systems/crm","DataType":"text"}}"""));
        using var client = Client(stub);

        var parameter = await client.GetParameterAsync("/gdpr/prod/systems/crm");

        var (request, body) = stub.Requests.Single();
        request.Headers.GetValues("X-Amz-Target").Should().Equal("AmazonSSM.GetParameter");
        request.Content!.Headers.ContentType!.ToString().Should().Be("application/x-amz-json-1.1");
        request.Headers.GetValues("Authorization").Single().Should().Contain("/eu-west-1/ssm/aws4_request");
        request.RequestUri.Should().Be(new Uri("https://ssm.eu-west-1.amazonaws.com/"));
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse("""{"Name":"/gdpr/prod/systems/crm","WithDecryption":false}""")).Should().BeTrue(body);
        parameter.Value.Should().Be("""{"name":"crm"}""");
        parameter.Version.Should().Be(3);
    }

    [Fact]
    public async Task EnumerateParametersByPathAsync_TwoPages_FollowsNextToken()
    {
        var pages = new Queue<string>([
            """{"Parameters":[{"Name":"/p/a","Type":"String","Value":"1","Version":1}],"NextToken":"t-1"}""",
            """{"Parameters":[{"Name":"/p/b","Type":"String","Value":"2","Version":1}]}""",
        ]);
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json(pages.Dequeue()));
        using var client = Client(stub);

        var names = new List<string>();
        await foreach (var parameter in client.EnumerateParametersByPathAsync(new GetParametersByPathRequest { Path = "/p", MaxResults = 10 }))
        {
            names.Add(parameter.Name);
        }

        names.Should().Equal("/p/a", "/p/b");
        stub.Requests.Should().HaveCount(2);
        stub.Requests[0].Request.Headers.GetValues("X-Amz-Target").Should().Equal("AmazonSSM.GetParametersByPath");
        JsonNode.DeepEquals(JsonNode.Parse(stub.Requests[0].Body), JsonNode.Parse(
            """{"Path":"/p","Recursive":false,"WithDecryption":false,"MaxResults":10}""")).Should().BeTrue(stub.Requests[0].Body);
        JsonNode.DeepEquals(JsonNode.Parse(stub.Requests[1].Body), JsonNode.Parse(
            """{"Path":"/p","Recursive":false,"WithDecryption":false,"MaxResults":10,"NextToken":"t-1"}""")).Should().BeTrue(stub.Requests[1].Body);
    }

    [Fact]
    public async Task GetParameterAsync_Missing_ThrowsParameterNotFound()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json("""{"__type":"ParameterNotFound"}""", HttpStatusCode.BadRequest));
        using var client = Client(stub);

        var call = () => client.GetParameterAsync("/missing");

        (await call.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(SsmErrorCodes.ParameterNotFound);
    }

    [Fact]
    public async Task PutParameterAsync_Overwrite_PostsPutParameterAndReturnsTheVersion()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json("""{"Version":2,"Tier":"Standard"}"""));
        using var client = Client(stub);

        var version = await client.PutParameterAsync("/gdpr-workflows/dev/systems/crm", "{name: crm}", overwrite: true);

        version.Should().Be(2);
        var (request, body) = stub.Requests.Single();
        request.Headers.GetValues("X-Amz-Target").Should().Equal("AmazonSSM.PutParameter");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(
            """{"Name":"/gdpr-workflows/dev/systems/crm","Value":"{name: crm}","Type":"String","Overwrite":true}""")).Should().BeTrue(body);
    }

    private static SsmClient Client(StubHttpMessageHandler stub) => new(new AwsClientOptions
    {
        Region = "eu-west-1",
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        HttpMessageHandler = stub,
    });
}
