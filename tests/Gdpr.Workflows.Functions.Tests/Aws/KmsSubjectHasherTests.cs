using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.TestSupport.Http;

namespace Gdpr.Workflows.Functions.Tests.Aws;

public sealed class KmsSubjectHasherTests
{
    [Fact]
    public async Task HashAsync_Email_MacsTheCanonicalFormAndAnswersLowercaseHex()
    {
        var stub = new StubHttpMessageHandler(_ => AwsStub.Json("""{"Mac":"q83vAQ==","MacAlgorithm":"HMAC_SHA_256"}"""));
        using var kms = new KmsClient(AwsStub.Options(stub));
        var email = SubjectIdentifier.Email("Alice@Example.com");

        var hash = await new KmsSubjectHasher(kms, "alias/subject-hash").HashAsync(email);

        hash.Should().Be("abcdef01");
        var body = JsonNode.Parse(stub.Requests.Single().Body)!;
        body["KeyId"]!.GetValue<string>().Should().Be("alias/subject-hash");
        body["MacAlgorithm"]!.GetValue<string>().Should().Be("HMAC_SHA_256");
        Encoding.UTF8.GetString(Convert.FromBase64String(body["Message"]!.GetValue<string>())).Should().Be(email.CanonicalForm);
    }
}
