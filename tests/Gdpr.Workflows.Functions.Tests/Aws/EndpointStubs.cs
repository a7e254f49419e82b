using System.Net;
using System.Text;
using Gdpr.Workflows.Aws.SecretsManager;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.TestSupport.Http;

namespace Gdpr.Workflows.Functions.Tests.Aws;

/// <summary>Secrets Manager answering one endpoint secret, and an endpoint answering with a fixed response, both on stubs.</summary>
internal sealed class EndpointStubs : IDisposable
{
    private readonly SecretsManagerClient _secretsManager;

    public EndpointStubs(string secretJson, Func<HttpRequestMessage, HttpResponseMessage> endpoint)
    {
        SecretsManager = new StubHttpMessageHandler(_ => AwsStub.Json(
            $$"""{"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:s-AbCdEf","Name":"s","SecretString":{{System.Text.Json.JsonSerializer.Serialize(secretJson, StringJson.Default.String)}}}"""));
        _secretsManager = new SecretsManagerClient(AwsStub.Options(SecretsManager));
        Secrets = new EndpointSecrets(_secretsManager);
        Endpoint = new StubHttpMessageHandler(endpoint);
        Http = new HttpClient(Endpoint);
    }

    public StubHttpMessageHandler SecretsManager { get; }

    public StubHttpMessageHandler Endpoint { get; }

    public EndpointSecrets Secrets { get; }

    public HttpClient Http { get; }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };

    public void Dispose()
    {
        Http.Dispose();
        _secretsManager.Dispose();
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class StringJson : System.Text.Json.Serialization.JsonSerializerContext;
