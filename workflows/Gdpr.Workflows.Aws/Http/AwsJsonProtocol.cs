using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Gdpr.Workflows.Aws.Http;

/// <summary>
/// The AWS JSON protocols (1.0: Step Functions, DynamoDB; 1.1: KMS, SSM): POST / with
/// <c>X-Amz-Target: {prefix}.{Operation}</c>, <c>Content-Type: application/x-amz-json-{version}</c> and a JSON body each way.
/// </summary>
internal sealed class AwsJsonProtocol(AwsSignedHttpClient http, string targetPrefix, string jsonVersion = "1.0")
{
    private readonly string _contentType = "application/x-amz-json-" + jsonVersion;

    /// <summary>An operation whose answer carries nothing (AWS sends an empty body, moto <c>null</c>): only errors are read.</summary>
    /// <exception cref="AwsServiceException">The service answered with an error.</exception>
    public async Task CallAsync<TRequest>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        using var response = await http.PostAsync(
            body, _contentType, [new("X-Amz-Target", $"{targetPrefix}.{operation}")], cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await AwsErrorParser.ParseAsync(response, cancellationToken);
        }
    }

    /// <exception cref="AwsServiceException">The service answered with an error.</exception>
    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        using var response = await http.PostAsync(
            body, _contentType, [new("X-Amz-Target", $"{targetPrefix}.{operation}")], cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await AwsErrorParser.ParseAsync(response, cancellationToken);
        }

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            // Some operations answer with an empty body rather than "{}".
            return JsonSerializer.Deserialize(content.Length == 0 ? "{}"u8 : content, responseType)
                ?? throw new AwsServiceException($"{operation} answered with JSON null.");
        }
        catch (JsonException malformed)
        {
            throw new AwsServiceException($"{operation} answered with a body that is not its documented JSON.", malformed);
        }
    }
}
