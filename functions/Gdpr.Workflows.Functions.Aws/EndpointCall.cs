using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// One JSON POST to an <see cref="EndpointSecret"/>'s URL with its headers, for connectors and Art. 19 webhooks. Maps the
/// answer the way the ports want it: a network fault, 408, 429 or 5xx is <see cref="TransientConnectorException"/>; refused
/// credentials (401/403) are too, after forgetting the cached secret so the retry reads a rotated one; running past
/// <paramref name="timeout"/> is <see cref="TimeoutException"/>; any other status is permanent. Messages carry the status
/// code only, never a body (it could quote the subject).
/// </summary>
internal static class EndpointCall
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static async Task<JsonObject> PostAsync(
        HttpClient http, EndpointSecrets secrets, string secretId, JsonObject body, string idempotencyKey, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var endpoint = await secrets.GetAsync(secretId, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(body.ToJsonString(), new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        foreach (var (name, value) in endpoint.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{endpoint.Url.Host} did not answer within {timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException e)
        {
            throw new TransientConnectorException($"{endpoint.Url.Host} could not be reached ({e.HttpRequestError}).", e);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                secrets.Forget(secretId);
                throw new TransientConnectorException($"{endpoint.Url.Host} refused the credentials in {secretId} (HTTP {status}); they are read again on retry.");
            }

            if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || status >= 500)
            {
                throw new TransientConnectorException($"{endpoint.Url.Host} answered HTTP {status}.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new EndpointRejectedException($"{endpoint.Url.Host} rejected the call with HTTP {status}.");
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text))
            {
                return [];
            }

            try
            {
                return JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException($"{endpoint.Url.Host} answered with JSON that is not an object.");
            }
            catch (JsonException)
            {
                throw new InvalidDataException($"{endpoint.Url.Host} answered with a body that is not JSON.");
            }
        }
    }

    /// <summary><c>[{"kind": "email", "value": "..."}, ...]</c>: the subject's identifiers for the endpoint. Personal data.</summary>
    public static JsonArray Identifiers(SubjectIdentifiers subject)
    {
        var identifiers = new JsonArray();
        foreach (var identifier in subject)
        {
            identifiers.Add((JsonNode)new JsonObject { ["kind"] = identifier.KindLabel, ["value"] = identifier.Value });
        }

        return identifiers;
    }
}

/// <summary>An endpoint refused a call for good (a 4xx other than 401, 403, 408 and 429).</summary>
public sealed class EndpointRejectedException : Exception
{
    public EndpointRejectedException()
    {
    }

    public EndpointRejectedException(string message)
        : base(message)
    {
    }

    public EndpointRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
