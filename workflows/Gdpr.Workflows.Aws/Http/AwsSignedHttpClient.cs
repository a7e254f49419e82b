using System.Net.Http.Headers;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Gdpr.Workflows.Aws.Http;

/// <summary>
/// Sends POST requests to one AWS service endpoint, signed with Signature Version 4 by AWSSDK.Core's
/// <see cref="AWSSigV4Signer"/> (credentials are fetched per request, so refreshing credentials keep working).
/// </summary>
internal sealed class AwsSignedHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly AWSCredentials _credentials;
    private readonly RegionEndpoint _region;
    private readonly string _signingService;
    private readonly TimeProvider _time;

    /// <param name="signingService">The SigV4 service name: <c>states</c>, <c>sns</c>.</param>
    /// <param name="endpointPrefix">The host prefix of the regional endpoint: <c>states</c>, <c>sns</c>.</param>
    public AwsSignedHttpClient(AwsClientOptions options, string signingService, string endpointPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Region);
        _signingService = signingService;
        _region = RegionEndpoint.GetBySystemName(options.Region);
        _credentials = options.Credentials ?? AwsCredentialsResolver.Resolve();
        _time = options.TimeProvider;
        Endpoint = options.Endpoint ?? DefaultEndpoint(endpointPrefix, options.Region);
        _http = new HttpClient(options.HttpMessageHandler ?? CreateDefaultHandler(), disposeHandler: options.HttpMessageHandler is null)
        {
            Timeout = options.Timeout,
        };
    }

    public Uri Endpoint { get; }

    /// <summary>The regional endpoint, e.g. <c>https://states.eu-west-1.amazonaws.com/</c>.</summary>
    public static Uri DefaultEndpoint(string endpointPrefix, string region) =>
        new($"https://{endpointPrefix}.{region}.{(region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com")}/");

    /// <summary>Signs and sends a POST of <paramref name="body"/> to the endpoint; the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> PostAsync(
        byte[] body, string contentType, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(body) };
        // Set verbatim: the value is signed, so HttpClient must not add "; charset=utf-8".
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = Endpoint, Content = body };
        signing.Headers["Content-Type"] = request.Content.Headers.ContentType.ToString();
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
            signing.Headers[name] = value;
        }

        var signed = await AWSSigV4Signer.SignAsync(signing, SigningParameters(), cancellationToken);
        foreach (var (name, value) in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private AWSSigV4Parameters SigningParameters() => new()
    {
        Credentials = _credentials,
        Region = _region,
        Service = _signingService,
        SignPayload = true,
        SignedAt = _time.GetUtcNow().UtcDateTime,
    };

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // Re-resolve DNS now and then: regional endpoints move.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };
}
