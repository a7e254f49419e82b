using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// Where and how to call a system's or recipient's HTTPS endpoint, as kept in a Secrets Manager secret:
/// <c>{"url": "https://crm.example.com/gdpr/erase", "headers": {"Authorization": "Bearer ..."}}</c>. The headers are the
/// credentials; the URL must be HTTPS (plain HTTP only to a loopback host, for local stacks and the benchmark).
/// </summary>
public sealed record EndpointSecret(Uri Url, IReadOnlyDictionary<string, string> Headers)
{
    /// <exception cref="InvalidDataException">Not that shape; the message never quotes the secret.</exception>
    public static EndpointSecret Parse(string secretId, string? secretString)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(secretString ?? string.Empty) as JsonObject
                ?? throw new InvalidDataException($"Secret {secretId} is not a JSON object {{url, headers}}.");
        }
        catch (JsonException)
        {
            throw new InvalidDataException($"Secret {secretId} is not JSON; it must be {{\"url\": \"https://...\", \"headers\": {{...}}}}.");
        }

        var url = json["url"] is JsonValue value && value.TryGetValue<string>(out var text) && Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            ? parsed
            : throw new InvalidDataException($"Secret {secretId} has no absolute \"url\".");
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && IsLoopback(url)))
        {
            throw new InvalidDataException($"Secret {secretId}: the url must be https (plain http only to a loopback host).");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (json["headers"] is JsonObject given)
        {
            foreach (var (name, header) in given)
            {
                headers[name] = header is JsonValue v && v.TryGetValue<string>(out var headerValue)
                    ? headerValue
                    : throw new InvalidDataException($"Secret {secretId}: header {name} must be a string.");
            }
        }
        else if (json["headers"] is not null)
        {
            throw new InvalidDataException($"Secret {secretId}: \"headers\" must be an object of strings.");
        }

        return new EndpointSecret(url, headers);
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));
}
