using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.Tests.TestSupport;

namespace Gdpr.Workflows.Aws.Tests.Kms;

/// <summary>The wire format of KMS's JSON 1.1 API (TrentService targets, PascalCase members, base64 blobs), on a stub transport.</summary>
public sealed class KmsClientTests
{
    private const string KeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    [Fact]
    public async Task EncryptAsync_WithContext_PostsJson11TrentServiceEncryptWithBase64Plaintext()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json(
            $$"""{"CiphertextBlob":"AQIDBA==","KeyId":"{{KeyArn}}","EncryptionAlgorithm":"SYMMETRIC_DEFAULT"}"""));
        using var client = Client(stub);

        var result = await client.EncryptAsync(new KmsEncryptRequest
        {
            KeyId = "alias/gdpr-workflows-prod-vault",
            Plaintext = [0xde, 0xad, 0xbe, 0xef],
            EncryptionContext = new Dictionary<string, string> { ["requestId"] = "req-1" },
        });

        var (request, body) = stub.Requests.Single();
        request.Method.Should().Be(HttpMethod.Post);
        request.Headers.GetValues("X-Amz-Target").Should().Equal("TrentService.Encrypt");
        request.Content!.Headers.ContentType!.ToString().Should().Be("application/x-amz-json-1.1");
        request.Headers.GetValues("Authorization").Single().Should().Contain("/eu-west-1/kms/aws4_request");
        request.RequestUri.Should().Be(new Uri("https://kms.eu-west-1.amazonaws.com/"));
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(
            """{"KeyId":"alias/gdpr-workflows-prod-vault","Plaintext":"3q2+7w==","EncryptionContext":{"requestId":"req-1"}}"""))
            .Should().BeTrue(body);
        result.CiphertextBlob.Should().Equal(1, 2, 3, 4);
        result.KeyId.Should().Be(KeyArn);
    }

    [Fact]
    public async Task DecryptAsync_WithKeyAndContext_SendsBlobContextAndKeyId()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json($$"""{"Plaintext":"3q2+7w==","KeyId":"{{KeyArn}}"}"""));
        using var client = Client(stub);

        var result = await client.DecryptAsync(new KmsDecryptRequest
        {
            CiphertextBlob = [1, 2, 3, 4],
            EncryptionContext = new Dictionary<string, string> { ["requestId"] = "req-1" },
            KeyId = KeyArn,
        });

        var (request, body) = stub.Requests.Single();
        request.Headers.GetValues("X-Amz-Target").Should().Equal("TrentService.Decrypt");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(
            $$"""{"CiphertextBlob":"AQIDBA==","EncryptionContext":{"requestId":"req-1"},"KeyId":"{{KeyArn}}"}"""))
            .Should().BeTrue(body);
        result.Plaintext.Should().Equal(0xde, 0xad, 0xbe, 0xef);
    }

    [Fact]
    public async Task DecryptAsync_WithoutOptionalMembers_OmitsThem()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json($$"""{"Plaintext":"AA==","KeyId":"{{KeyArn}}"}"""));
        using var client = Client(stub);

        await client.DecryptAsync(new KmsDecryptRequest { CiphertextBlob = [9] });

        stub.Requests.Single().Body.Should().Be("""{"CiphertextBlob":"CQ=="}""");
    }

    [Fact]
    public async Task GenerateMacAsync_Message_SendsAlgorithmAndReadsMac()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json(
            $$"""{"Mac":"q80=","MacAlgorithm":"HMAC_SHA_256","KeyId":"{{KeyArn}}"}"""));
        using var client = Client(stub);

        var result = await client.GenerateMacAsync(new KmsGenerateMacRequest
        {
            KeyId = "alias/gdpr-workflows-prod-subject-hash",
            Message = "email:a@example.com"u8.ToArray(),
            MacAlgorithm = "HMAC_SHA_256",
        });

        var (request, body) = stub.Requests.Single();
        request.Headers.GetValues("X-Amz-Target").Should().Equal("TrentService.GenerateMac");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(
            """{"KeyId":"alias/gdpr-workflows-prod-subject-hash","Message":"ZW1haWw6YUBleGFtcGxlLmNvbQ==","MacAlgorithm":"HMAC_SHA_256"}"""))
            .Should().BeTrue(body);
        result.Mac.Should().Equal(0xab, 0xcd);
    }

    [Theory]
    [InlineData("InvalidCiphertextException", HttpStatusCode.BadRequest, false)]
    [InlineData("KMSInternalException", HttpStatusCode.InternalServerError, true)]
    [InlineData("ThrottlingException", HttpStatusCode.BadRequest, true)]
    public async Task DecryptAsync_ErrorResponse_ThrowsWithKmsCode(string type, HttpStatusCode status, bool transient)
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json($$"""{"__type":"{{type}}","message":"no"}""", status));
        using var client = Client(stub);

        var call = () => client.DecryptAsync(new KmsDecryptRequest { CiphertextBlob = [1] });

        var thrown = (await call.Should().ThrowAsync<AwsServiceException>()).Which;
        thrown.ErrorCode.Should().Be(type);
        thrown.IsTransient.Should().Be(transient);
    }

    [Fact]
    public async Task CreateKeyAsync_HmacKey_PostsCreateKeyAndReturnsTheMetadata()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json(
            $$$"""{"KeyMetadata":{"KeyId":"1234","Arn":"{{{KeyArn}}}","CreationDate":1.7E9,"KeySpec":"HMAC_256"}}"""));
        using var client = Client(stub);

        var key = await client.CreateKeyAsync(new KmsCreateKeyRequest { KeySpec = "HMAC_256", KeyUsage = "GENERATE_VERIFY_MAC" });

        key.Arn.Should().Be(KeyArn);
        key.KeyId.Should().Be("1234");
        var (request, body) = stub.Requests.Single();
        request.Headers.GetValues("X-Amz-Target").Should().Equal("TrentService.CreateKey");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse("""{"KeySpec":"HMAC_256","KeyUsage":"GENERATE_VERIFY_MAC"}""")).Should().BeTrue(body);
    }

    [Fact]
    public async Task CreateAliasAsync_AliasAndKey_PostsCreateAlias()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json(string.Empty));
        using var client = Client(stub);

        await client.CreateAliasAsync("alias/gdpr-workflows-dev-vault", "1234");

        var (request, body) = stub.Requests.Single();
        request.Headers.GetValues("X-Amz-Target").Should().Equal("TrentService.CreateAlias");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse("""{"AliasName":"alias/gdpr-workflows-dev-vault","TargetKeyId":"1234"}""")).Should().BeTrue(body);
    }

    [Fact]
    public void FromEnvironment_KmsEndpointVariable_UsesIt()
    {
        var options = AwsClientOptions.FromEnvironment("KMS", name => name switch
        {
            "AWS_REGION" => "eu-west-1",
            "AWS_ENDPOINT_URL_KMS" => "http://127.0.0.1:4566/",
            "AWS_ACCESS_KEY_ID" => "AKID",
            "AWS_SECRET_ACCESS_KEY" => "secret",
            _ => null,
        });

        using var client = new KmsClient(options);

        client.Endpoint.Should().Be(new Uri("http://127.0.0.1:4566/"));
    }

    private static KmsClient Client(StubHttpMessageHandler stub) => new(new AwsClientOptions
    {
        Region = "eu-west-1",
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        HttpMessageHandler = stub,
    });
}
