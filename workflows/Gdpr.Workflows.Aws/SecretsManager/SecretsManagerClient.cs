using Gdpr.Workflows.Aws.Http;

namespace Gdpr.Workflows.Aws.SecretsManager;

/// <summary>
/// Secrets Manager over HttpClient with SigV4 (service <c>secretsmanager</c>, JSON 1.1 protocol,
/// <c>X-Amz-Target: secretsmanager.&lt;Operation&gt;</c>): GetSecretValue, and CreateSecret for local stacks and tests.
/// Errors throw <see cref="AwsServiceException"/> with the service's code (e.g. <c>ResourceNotFoundException</c>).
/// </summary>
public sealed class SecretsManagerClient : IDisposable
{
    private static readonly SecretsManagerJsonContext Json = SecretsManagerJsonContext.Default;

    private readonly AwsSignedHttpClient _http;
    private readonly AwsJsonProtocol _protocol;

    public SecretsManagerClient(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = new AwsSignedHttpClient(options, signingService: "secretsmanager", endpointPrefix: "secretsmanager");
        _protocol = new AwsJsonProtocol(_http, "secretsmanager", jsonVersion: "1.1");
    }

    /// <summary>A client configured from AWS_REGION, AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL and the credential chain.</summary>
    public static SecretsManagerClient FromEnvironment() => new(AwsClientOptions.FromEnvironment("SECRETS_MANAGER"));

    public Uri Endpoint => _http.Endpoint;

    /// <summary>The current (<c>AWSCURRENT</c>) value of a secret, by name or ARN.</summary>
    public Task<SecretValue> GetSecretValueAsync(string secretId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secretId);
        return _protocol.CallAsync("GetSecretValue", new GetSecretValueRequest(secretId), Json.GetSecretValueRequest, Json.SecretValue, cancellationToken);
    }

    /// <summary>Creates a secret holding <paramref name="secretString"/>; returns its ARN.</summary>
    public async Task<string> CreateSecretAsync(string name, string secretString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(secretString);
        var created = await _protocol.CallAsync(
            "CreateSecret", new CreateSecretRequest(name, secretString), Json.CreateSecretRequest, Json.CreateSecretResult, cancellationToken);
        return created.ARN;
    }

    public void Dispose() => _http.Dispose();
}
