using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.TestSupport.Http;

namespace Gdpr.Workflows.Functions.Tests.Aws;

public sealed class KmsKeyWrapperTests
{
    private const string KeyArn = "arn:aws:kms:eu-west-1:123456789012:key/vault";

    [Fact]
    public async Task WrapAsync_DataKey_EncryptsUnderTheVaultKeyWithTheRequestIdAsContext()
    {
        var stub = new StubHttpMessageHandler(_ => AwsStub.Json($$"""{"CiphertextBlob":"AQID","KeyId":"{{KeyArn}}"}"""));
        using var kms = new KmsClient(AwsStub.Options(stub));

        var wrapped = await new KmsKeyWrapper(kms, "alias/vault").WrapAsync(new byte[] { 7, 7 }, "req-1");

        wrapped.MasterKeyId.Should().Be(KeyArn);
        wrapped.Ciphertext.ToArray().Should().Equal(1, 2, 3);
        var (request, body) = stub.Requests.Single();
        request.Headers.GetValues("X-Amz-Target").Should().Equal("TrentService.Encrypt");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse("""{"KeyId":"alias/vault","Plaintext":"Bwc=","EncryptionContext":{"requestId":"req-1"}}""")).Should().BeTrue(body);
    }

    [Fact]
    public async Task UnwrapAsync_WrappedKey_DecryptsNamingTheWrappingKeyAndContext()
    {
        var stub = new StubHttpMessageHandler(_ => AwsStub.Json($$"""{"Plaintext":"Bwc=","KeyId":"{{KeyArn}}"}"""));
        using var kms = new KmsClient(AwsStub.Options(stub));

        var key = await new KmsKeyWrapper(kms, "alias/vault").UnwrapAsync(new WrappedDataKey(KeyArn, new byte[] { 1, 2, 3 }), "req-1");

        key.Should().Equal(7, 7);
        JsonNode.DeepEquals(JsonNode.Parse(stub.Requests.Single().Body), JsonNode.Parse(
            $$"""{"CiphertextBlob":"AQID","EncryptionContext":{"requestId":"req-1"},"KeyId":"{{KeyArn}}"}""")).Should().BeTrue();
    }

    [Fact]
    public async Task UnwrapAsync_OtherRequestsContext_ThrowsCryptographicException()
    {
        var stub = new StubHttpMessageHandler(_ => AwsStub.Json("""{"__type":"InvalidCiphertextException"}""", HttpStatusCode.BadRequest));
        using var kms = new KmsClient(AwsStub.Options(stub));

        var act = () => new KmsKeyWrapper(kms, "alias/vault").UnwrapAsync(new WrappedDataKey(KeyArn, new byte[] { 1 }), "req-2");

        await act.Should().ThrowAsync<CryptographicException>();
    }

    [Fact]
    public async Task WrapAsync_Throttled_ThrowsTransientErasureException()
    {
        var stub = new StubHttpMessageHandler(_ => AwsStub.Json("""{"__type":"ThrottlingException"}""", HttpStatusCode.BadRequest));
        using var kms = new KmsClient(AwsStub.Options(stub));

        var act = () => new KmsKeyWrapper(kms, "alias/vault").WrapAsync(new byte[] { 1 }, "req-1");

        await act.Should().ThrowAsync<TransientErasureException>();
    }
}
