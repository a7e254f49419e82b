using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gdpr.Workflows.Aws.SecretsManager;
using Gdpr.Workflows.Aws.Tests.TestSupport;

namespace Gdpr.Workflows.Aws.Tests.SecretsManager;

/// <summary>The wire format of Secrets Manager's JSON 1.1 API (secretsmanager targets, PascalCase members), on a stub transport.</summary>
public sealed class SecretsManagerClientTests
{
    private const string SecretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:gdpr-workflows/prod/connectors/crm-AbCdEf";

    [Fact]
    public async Task GetSecretValueAsync_Name_PostsJson11GetSecretValueAndReadsTheString()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json(
            $$"""{"ARN":"{{SecretArn}}","Name":"gdpr-workflows/prod/connectors/crm","SecretString":"{\"url\":\"https://crm.example\"}","VersionId":"v-1","VersionStages":["AWSCURRENT"],"CreatedDate":1.7E9}"""));
        using var client = Client(stub);

        var secret = await client.GetSecretValueAsync("gdpr-workflows/prod/connectors/crm");

        var (request, body) = stub.Requests.Single();
        request.Method.Should().Be(HttpMethod.Post);
        request.Headers.GetValues("X-Amz-Target").Should().Equal("secretsmanager.GetSecretValue");
        request.Content!.Headers.ContentType!.ToString().Should().Be("application/x-amz-json-1.1");
        request.Headers.GetValues("Authorization").Single().Should().Contain("/eu-west-1/secretsmanager/aws4_request");
        request.RequestUri.Should().Be(new Uri("https://secretsmanager.eu-west-1.amazonaws.com/"));
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse("""{"SecretId":"gdpr-workflows/prod/connectors/crm"}""")).Should().BeTrue(body);
        secret.SecretString.Should().Be("""{"url":"https://crm.example"}""");
        secret.ARN.Should().Be(SecretArn);
        secret.VersionId.Should().Be("v-1");
    }

    [Fact]
    public async Task CreateSecretAsync_NameAndString_PostsCreateSecretAndReturnsTheArn()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json($$"""{"ARN":"{{SecretArn}}","Name":"n","VersionId":"v-1"}"""));
        using var client = Client(stub);

        var arn = await client.CreateSecretAsync("gdpr-workflows/prod/connectors/crm", "s3cret");

        arn.Should().Be(SecretArn);
        var (request, body) = stub.Requests.Single();
        request.Headers.GetValues("X-Amz-Target").Should().Equal("secretsmanager.CreateSecret");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse("""{"Name":"gdpr-workflows/prod/connectors/crm","SecretString":"s3cret"}""")).Should().BeTrue(body);
    }

    [Fact]
    public async Task GetSecretValueAsync_Missing_ThrowsResourceNotFound()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json("""{"__type":"ResourceNotFoundException","message":"no"}""", HttpStatusCode.BadRequest));
        using var client = Client(stub);

        var call = () => client.GetSecretValueAsync("missing");

        (await call.Should().ThrowAsync<AwsServiceException>()).Which.ErrorCode.Should().Be(SecretsManagerErrorCodes.ResourceNotFound);
    }

    private static SecretsManagerClient Client(StubHttpMessageHandler stub) => new(new AwsClientOptions
    {
        Region = "eu-west-1",
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        HttpMessageHandler = stub,
    });
}
