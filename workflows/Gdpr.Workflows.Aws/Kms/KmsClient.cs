using Gdpr.Workflows.Aws.Http;

namespace Gdpr.Workflows.Aws.Kms;

/// <summary>
/// The KMS operations this project needs, over HttpClient with SigV4 (service <c>kms</c>, JSON 1.1 protocol,
/// <c>X-Amz-Target: TrentService.&lt;Operation&gt;</c>): Encrypt and Decrypt of the vault's data keys under the vault key,
/// GenerateMac of subject identifiers under the HMAC key; CreateKey and CreateAlias for local stacks and tests. Errors throw <see cref="AwsServiceException"/> with KMS's code
/// (<see cref="KmsErrorCodes"/>). No retries: a Lambda caller fails and the state machine's Retry decides.
/// </summary>
public sealed class KmsClient : IDisposable
{
    private static readonly KmsJsonContext Json = KmsJsonContext.Default;

    private readonly AwsSignedHttpClient _http;
    private readonly AwsJsonProtocol _protocol;

    public KmsClient(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = new AwsSignedHttpClient(options, signingService: "kms", endpointPrefix: "kms");
        _protocol = new AwsJsonProtocol(_http, "TrentService", jsonVersion: "1.1");
    }

    /// <summary>A client configured from AWS_REGION, AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL and the credential chain.</summary>
    public static KmsClient FromEnvironment() => new(AwsClientOptions.FromEnvironment("KMS"));

    public Uri Endpoint => _http.Endpoint;

    /// <summary>Encrypts up to 4,096 bytes under a symmetric key; the same encryption context is needed to decrypt.</summary>
    public Task<KmsEncryptResult> EncryptAsync(KmsEncryptRequest request, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("Encrypt", request, Json.KmsEncryptRequest, Json.KmsEncryptResult, cancellationToken);

    /// <summary>Decrypts a ciphertext blob; a wrong context or key is <c>InvalidCiphertextException</c> / <c>IncorrectKeyException</c>.</summary>
    public Task<KmsDecryptResult> DecryptAsync(KmsDecryptRequest request, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("Decrypt", request, Json.KmsDecryptRequest, Json.KmsDecryptResult, cancellationToken);

    /// <summary>The RFC 2104 HMAC of up to 4,096 bytes under an HMAC key.</summary>
    public Task<KmsGenerateMacResult> GenerateMacAsync(KmsGenerateMacRequest request, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("GenerateMac", request, Json.KmsGenerateMacRequest, Json.KmsGenerateMacResult, cancellationToken);

    /// <summary>Creates a key (for local stacks and tests; the template creates the deployed keys) and returns its metadata.</summary>
    public async Task<KmsKeyMetadata> CreateKeyAsync(KmsCreateKeyRequest request, CancellationToken cancellationToken = default)
    {
        var created = await _protocol.CallAsync("CreateKey", request, Json.KmsCreateKeyRequest, Json.KmsCreateKeyResult, cancellationToken);
        return created.KeyMetadata;
    }

    /// <summary>Points <paramref name="aliasName"/> (<c>alias/...</c>) at a key (for local stacks and tests).</summary>
    public Task CreateAliasAsync(string aliasName, string targetKeyId, CancellationToken cancellationToken = default) =>
        _protocol.CallAsync("CreateAlias", new KmsCreateAliasRequest(aliasName, targetKeyId), Json.KmsCreateAliasRequest, cancellationToken);

    public void Dispose() => _http.Dispose();
}
