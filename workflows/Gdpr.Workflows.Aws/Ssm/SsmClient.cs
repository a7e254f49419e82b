using Gdpr.Workflows.Aws.Http;

namespace Gdpr.Workflows.Aws.Ssm;

/// <summary>
/// SSM Parameter Store reads over HttpClient with SigV4 (service <c>ssm</c>, JSON 1.1 protocol,
/// <c>X-Amz-Target: AmazonSSM.&lt;Operation&gt;</c>): GetParameter and GetParametersByPath; PutParameter for setting the registry up. Errors throw
/// <see cref="AwsServiceException"/> with SSM's code (e.g. <c>ParameterNotFound</c>).
/// </summary>
public sealed class SsmClient : IDisposable
{
    /// <summary>GetParametersByPath answers at most 10 parameters a page.</summary>
    public const int MaxPageSize = 10;

    private static readonly SsmJsonContext Json = SsmJsonContext.Default;

    private readonly AwsSignedHttpClient _http;
    private readonly AwsJsonProtocol _protocol;

    public SsmClient(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = new AwsSignedHttpClient(options, signingService: "ssm", endpointPrefix: "ssm");
        _protocol = new AwsJsonProtocol(_http, "AmazonSSM", jsonVersion: "1.1");
    }

    /// <summary>A client configured from AWS_REGION, AWS_ENDPOINT_URL_SSM / AWS_ENDPOINT_URL and the credential chain.</summary>
    public static SsmClient FromEnvironment() => new(AwsClientOptions.FromEnvironment("SSM"));

    public Uri Endpoint => _http.Endpoint;

    /// <summary>One parameter by name (or ARN).</summary>
    public async Task<SsmParameter> GetParameterAsync(string name, bool withDecryption = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var result = await _protocol.CallAsync(
            "GetParameter", new GetParameterRequest(name, withDecryption), Json.GetParameterRequest, Json.GetParameterResult, cancellationToken);
        return result.Parameter ?? throw new AwsServiceException("GetParameter answered without a Parameter.");
    }

    /// <summary>One page of the parameters under <see cref="GetParametersByPathRequest.Path"/>.</summary>
    public Task<GetParametersByPathResult> GetParametersByPathAsync(GetParametersByPathRequest request, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("GetParametersByPath", request, Json.GetParametersByPathRequest, Json.GetParametersByPathResult, cancellationToken);

    /// <summary>Every parameter under the path, following <c>NextToken</c>.</summary>
    public IAsyncEnumerable<SsmParameter> EnumerateParametersByPathAsync(GetParametersByPathRequest request, CancellationToken cancellationToken = default) =>
        AwsPaging.AllAsync(request, GetParametersByPathAsync, page => page.Parameters, (r, page) => page.NextToken is null ? null : r with { NextToken = page.NextToken }, cancellationToken);

    /// <summary>Creates or (with <paramref name="overwrite"/>) replaces a parameter; returns its version.</summary>
    public async Task<long> PutParameterAsync(string name, string value, string type = "String", bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        var result = await _protocol.CallAsync(
            "PutParameter", new PutParameterRequest(name, value, type, overwrite), Json.PutParameterRequest, Json.PutParameterResult, cancellationToken);
        return result.Version;
    }

    public void Dispose() => _http.Dispose();
}
