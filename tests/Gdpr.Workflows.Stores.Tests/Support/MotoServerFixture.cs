using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.Stores.DynamoDb.Http;
using Gdpr.Workflows.TestSupport.Moto;

namespace Gdpr.Workflows.Stores.Tests.Support;

/// <summary>
/// Starts <c>moto_server</c> (TestSupport's <see cref="MotoServerProcess"/>) on a free loopback port for the DynamoDB
/// tests, and stops it in <see cref="Dispose"/>. Each test creates its own tables (see <see cref="TemplateTables"/>), so
/// tests never see each other's items.
/// </summary>
public sealed class MotoServerFixture : IDisposable
{
    public const string InstallHint = MotoServerProcess.InstallHint;

    private readonly OneRequestAtATime _oneAtATime = new();
    private readonly MotoServerProcess _moto = MotoServerProcess.Start();

    public int Port => _moto.Port;

    public Uri Endpoint => _moto.Endpoint;

    /// <summary>
    /// A client for the server (dummy credentials; moto accepts any) that sends one request at a time.
    /// moto_server is threaded but its DynamoDB backend is not isolated: a cancelled transaction restores
    /// a snapshot of the whole table, discarding writes that other threads made meanwhile. Serialising
    /// the requests makes moto linearizable, as DynamoDB is; the stores' own races (read head, then
    /// conditional write) still interleave freely between requests.
    /// </summary>
    public IAmazonDynamoDB CreateClient() => DynamoDbClients.Create(Endpoint.ToString(), _oneAtATime);

    /// <summary>The stores' lean client (<see cref="HttpDynamoDbClient"/>) on the server, through the same one-request-at-a-time gate.</summary>
    public HttpDynamoDbClient CreateHttpClient() => DynamoDbClients.CreateHttp(Endpoint.ToString(), _oneAtATime.Handler);

    /// <summary>The HTTP clients <see cref="CreateClient"/> uses (one request at a time), for clients built elsewhere, such as the gdpr tool's.</summary>
    public HttpClientFactory HttpClients => _oneAtATime;

    public void Dispose()
    {
        _moto.Dispose();
        _oneAtATime.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServerFixture>
{
    public const string Name = "moto_server";
}

/// <summary>DynamoDB clients for a given endpoint: moto's, or a real one named by GDPR_DYNAMODB_ENDPOINT.</summary>
public static class DynamoDbClients
{
    public const string RealEndpointVariable = "GDPR_DYNAMODB_ENDPOINT";

    /// <summary>
    /// A client for <paramref name="serviceUrl"/>. Credentials and region come from the usual AWS
    /// environment variables when set (a real endpoint), else dummy ones (moto, DynamoDB Local).
    /// </summary>
    public static IAmazonDynamoDB Create(string serviceUrl, HttpClientFactory? httpClientFactory = null)
    {
        var config = new AmazonDynamoDBConfig
        {
            ServiceURL = serviceUrl,
            AuthenticationRegion = Region(),
            MaxErrorRetry = 3,
            HttpClientFactory = httpClientFactory,
        };
        return new AmazonDynamoDBClient(Credentials(), config);
    }

    /// <summary>The stores' lean client for <paramref name="serviceUrl"/>, with the same region and credentials as <see cref="Create"/>.</summary>
    /// <param name="handler">Transport (not disposed by the client); null for the client's own.</param>
    public static HttpDynamoDbClient CreateHttp(string serviceUrl, HttpMessageHandler? handler = null) => new(new AwsClientOptions
    {
        Region = Region(),
        Endpoint = new Uri(serviceUrl, UriKind.Absolute),
        Credentials = Credentials(),
        HttpMessageHandler = handler,
    });

    private static string Region() =>
        Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") ?? "us-east-1";

    private static AWSCredentials Credentials()
    {
        var keyId = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? string.Empty;
        var session = Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN");
        return (keyId, session) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => new SessionAWSCredentials(keyId, secret, session),
            ({ Length: > 0 }, _) => new BasicAWSCredentials(keyId, secret),
            _ => new BasicAWSCredentials("moto", "moto"),
        };
    }
}

/// <summary>Which client the stores under test use; the tables are always created with the SDK's.</summary>
public enum DynamoDbClientKind
{
    /// <summary>The AWS SDK's <c>AmazonDynamoDBClient</c>, through <see cref="SdkDynamoDbClient"/>.</summary>
    Sdk,

    /// <summary>The lean <see cref="HttpDynamoDbClient"/> the functions use.</summary>
    Http,
}

/// <summary>Hands the AWS SDK HTTP clients that share one gate, so at most one request is in flight.</summary>
internal sealed class OneRequestAtATime : HttpClientFactory, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lazy<HttpMessageHandler> _handler;

    public OneRequestAtATime() => _handler = new(() => new GatedHandler(_gate));

    /// <summary>One gated handler for clients that take a handler and leave it undisposed (the lean DynamoDB client).</summary>
    public HttpMessageHandler Handler => _handler.Value;

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new GatedHandler(_gate));

    public void Dispose()
    {
        if (_handler.IsValueCreated)
        {
            _handler.Value.Dispose();
        }

        _gate.Dispose();
    }

    private sealed class GatedHandler(SemaphoreSlim gate) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
