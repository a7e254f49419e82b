using System.Xml.Linq;
using Amazon.Runtime;
using Gdpr.Workflows.Aws.Http;
using Gdpr.Workflows.Aws.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Aws.Tests.Http;

public sealed class AwsSignedHttpClientTests(MotoServerWithIamAuth moto) : IClassFixture<MotoServerWithIamAuth>
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string AmzDate = "20150830T123600Z";
    private const string EmptyJsonSha256 = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Fact]
    public void SigV4Reference_DocumentedGetVanillaVector_ReproducesPublishedSignature()
    {
        // AWS's SigV4 test suite, "get-vanilla": the anchor for the reference derivation used below.
        const string canonicalRequest =
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" +
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        SigV4Reference.Signature(canonicalRequest, AmzDate, "us-east-1", "service", SecretKey)
            .Should().Be("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    [Fact]
    public async Task PostAsync_FixedClock_AuthorizationMatchesDocumentedDerivation()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json("{}"));
        using var client = SignedClient(stub, new BasicAWSCredentials(AccessKey, SecretKey), "us-east-1");

        using var response = await client.PostAsync("{}"u8.ToArray(), "application/x-amz-json-1.0",
            [new("X-Amz-Target", "AWSStepFunctions.ListExecutions")], CancellationToken.None);

        const string signedHeaders = "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target";
        var canonicalRequest =
            "POST\n/\n\n" +
            "content-type:application/x-amz-json-1.0\n" +
            "host:states.us-east-1.amazonaws.com\n" +
            $"x-amz-content-sha256:{EmptyJsonSha256}\n" +
            $"x-amz-date:{AmzDate}\n" +
            "x-amz-target:AWSStepFunctions.ListExecutions\n\n" +
            $"{signedHeaders}\n{EmptyJsonSha256}";
        var expected = SigV4Reference.Signature(canonicalRequest, AmzDate, "us-east-1", "states", SecretKey);
        var sent = stub.Requests.Single().Request;
        Header(sent, "Authorization").Should().Be(
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/20150830/us-east-1/states/aws4_request, SignedHeaders={signedHeaders}, Signature={expected}");
        Header(sent, "X-Amz-Date").Should().Be(AmzDate);
        sent.RequestUri.Should().Be(new Uri("https://states.us-east-1.amazonaws.com/"));
    }

    [Fact]
    public async Task PostAsync_SessionCredentials_SignsAndSendsSecurityToken()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json("{}"));
        using var client = SignedClient(stub, new SessionAWSCredentials("ASIAEXAMPLE", SecretKey, "session-token-1"), "eu-west-1");

        using var response = await client.PostAsync("{}"u8.ToArray(), "application/x-amz-json-1.0", [], CancellationToken.None);

        var sent = stub.Requests.Single().Request;
        Header(sent, "X-Amz-Security-Token").Should().Be("session-token-1");
        Header(sent, "X-Amz-Date").Should().Be(AmzDate);
        Header(sent, "Authorization").Should()
            .StartWith("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20150830/eu-west-1/states/aws4_request, ")
            .And.Contain("x-amz-security-token");
    }

    [Fact]
    public async Task PostAsync_BasicCredentials_SendsNoSecurityToken()
    {
        var stub = new StubHttpMessageHandler(_ => AwsResponses.Json("{}"));
        using var client = SignedClient(stub, new BasicAWSCredentials(AccessKey, SecretKey), "eu-west-1");

        using var response = await client.PostAsync("{}"u8.ToArray(), "application/x-amz-json-1.0", [], CancellationToken.None);

        stub.Requests.Single().Request.Headers.Contains("X-Amz-Security-Token").Should().BeFalse();
    }

    [Fact]
    public async Task PostAsync_ServerVerifyingSignatures_AcceptsTheRightSecretAndRejectsAWrongOne()
    {
        var (accessKeyId, secretKey) = await CreateIamUserWithKeyAsync();
        var listMachines = "{}"u8.ToArray();
        KeyValuePair<string, string>[] target = [new("X-Amz-Target", "AWSStepFunctions.ListStateMachines")];

        using var right = new AwsSignedHttpClient(moto.Options(new BasicAWSCredentials(accessKeyId, secretKey)), "states", "states");
        using var accepted = await right.PostAsync(listMachines, "application/x-amz-json-1.0", target, CancellationToken.None);
        using var wrong = new AwsSignedHttpClient(moto.Options(new BasicAWSCredentials(accessKeyId, secretKey + "x")), "states", "states");
        using var rejected = await wrong.PostAsync(listMachines, "application/x-amz-json-1.0", target, CancellationToken.None);

        ((int)accepted.StatusCode).Should().Be(200, await accepted.Content.ReadAsStringAsync());
        var error = await AwsErrorParser.ParseAsync(rejected, CancellationToken.None);
        error.ErrorCode.Should().Be("SignatureDoesNotMatch");
    }

    // The server's first UnauthenticatedCalls calls are not checked: create a user, allow it everything, give it a key.
    private async Task<(string AccessKeyId, string SecretKey)> CreateIamUserWithKeyAsync()
    {
        using var iam = new AwsSignedHttpClient(moto.Options(), "iam", "iam");
        const string allowAll = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
        await IamAsync(iam, [new("Action", "CreateUser"), new("UserName", "signer")]);
        await IamAsync(iam, [new("Action", "PutUserPolicy"), new("UserName", "signer"), new("PolicyName", "all"), new("PolicyDocument", allowAll)]);
        var key = await IamAsync(iam, [new("Action", "CreateAccessKey"), new("UserName", "signer")]);
        string Element(string name) => key.Descendants().Single(e => e.Name.LocalName == name).Value;
        return (Element("AccessKeyId"), Element("SecretAccessKey"));
    }

    private static async Task<XDocument> IamAsync(AwsSignedHttpClient iam, KeyValuePair<string, string>[] parameters)
    {
        using var response = await iam.PostAsync(
            Gdpr.Workflows.Aws.Sns.AwsQueryProtocol.Encode([.. parameters, new("Version", "2010-05-08")]),
            "application/x-www-form-urlencoded; charset=utf-8", [], CancellationToken.None);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(body);
        return XDocument.Parse(body);
    }

    private static AwsSignedHttpClient SignedClient(StubHttpMessageHandler stub, AWSCredentials credentials, string region) =>
        new(new AwsClientOptions
        {
            Region = region,
            Credentials = credentials,
            HttpMessageHandler = stub,
            TimeProvider = new FakeTimeProvider(SignedAt),
        }, "states", "states");

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
