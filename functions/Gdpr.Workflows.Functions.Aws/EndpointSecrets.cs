using System.Collections.Concurrent;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.SecretsManager;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// Reads <see cref="EndpointSecret"/>s from Secrets Manager once per execution environment, by secret name. A caller that
/// finds the credentials refused (HTTP 401/403) calls <see cref="Forget"/>, so the retry reads a rotated secret.
/// </summary>
public sealed class EndpointSecrets(SecretsManagerClient secretsManager)
{
    private readonly ConcurrentDictionary<string, EndpointSecret> _cache = new(StringComparer.Ordinal);

    /// <exception cref="TransientConnectorException">Secrets Manager is throttling or failing.</exception>
    /// <exception cref="InvalidOperationException">No such secret, or not readable.</exception>
    /// <exception cref="InvalidDataException">The secret is not an endpoint secret.</exception>
    public async Task<EndpointSecret> GetAsync(string secretId, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(secretId, out var cached))
        {
            return cached;
        }

        SecretValue value;
        try
        {
            value = await secretsManager.GetSecretValueAsync(secretId, cancellationToken);
        }
        catch (AwsServiceException e) when (e.IsTransient)
        {
            throw new TransientConnectorException($"Secrets Manager is temporarily unavailable ({e.ErrorCode}).", e);
        }
        catch (AwsServiceException e)
        {
            throw new InvalidOperationException($"Secret {secretId} cannot be read ({e.ErrorCode}).", e);
        }

        return _cache[secretId] = EndpointSecret.Parse(secretId, value.SecretString);
    }

    /// <summary>Drops a cached secret, so the next <see cref="GetAsync"/> reads it again.</summary>
    public void Forget(string secretId) => _cache.TryRemove(secretId, out _);
}
