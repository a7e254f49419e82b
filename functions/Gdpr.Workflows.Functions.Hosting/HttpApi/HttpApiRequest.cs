using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Functions.Hosting.HttpApi;

/// <summary>
/// The parts of an API Gateway HTTP API event (payload format 2.0) the functions read. The body may hold personal
/// data (an intake); it is parsed, never echoed.
/// </summary>
public sealed partial class HttpApiRequest
{
    /// <summary>What a malformed request id is told (the id itself is never repeated: it may be anything a caller typed).</summary>
    public const string MalformedRequestId = "The request id is malformed: request ids are letters, digits, '-', '_', '.' and ':' (at most 128), e.g. req-20250314-8f2k1q.";

    /// <summary>Bodies above this are refused before parsing (API Gateway itself stops at 10 MB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Bodies nested deeper than this are refused (no route's body is deeper than 3).</summary>
    public const int MaxJsonDepth = 16;

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>(StringComparer.Ordinal);

    private HttpApiRequest()
    {
    }

    /// <summary>E.g. <c>POST /requests/{requestId}/cancel</c>; empty when the event has none (a direct local call).</summary>
    public string RouteKey { get; private init; } = string.Empty;

    public string Method { get; private init; } = string.Empty;

    public string RawPath { get; private init; } = string.Empty;

    public IReadOnlyDictionary<string, string> PathParameters { get; private init; } = None;

    public IReadOnlyDictionary<string, string> QueryParameters { get; private init; } = None;

    /// <summary>Header names are lower case, as HTTP APIs deliver them.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; private init; } = None;

    /// <summary>The body as text (base64 decoded when the event says so); null when there is none.</summary>
    public string? Body { get; private init; }

    /// <summary>Who called, for the audit trail; see <see cref="CallerIdentity"/>.</summary>
    public string Caller { get; private init; } = CallerIdentity.Unknown;

    /// <exception cref="InvalidInputException">Not an HTTP API event, or an undecodable body.</exception>
    public static HttpApiRequest Parse(JsonNode? payload)
    {
        var json = JsonPayload.RequireObject(payload, "An HTTP API event");
        var context = json["requestContext"] as JsonObject;
        var body = JsonPayload.OptionalString(json, "body");
        if (body is not null && JsonPayload.OptionalBool(json, "isBase64Encoded") == true)
        {
            body = DecodeBase64(body);
        }

        return new HttpApiRequest
        {
            RouteKey = JsonPayload.OptionalString(json, "routeKey") ?? string.Empty,
            Method = (context?["http"] as JsonObject)?["method"]?.GetValue<string>() ?? string.Empty,
            RawPath = JsonPayload.OptionalString(json, "rawPath") ?? string.Empty,
            PathParameters = Map(json["pathParameters"], "pathParameters"),
            QueryParameters = Map(json["queryStringParameters"], "queryStringParameters"),
            Headers = Map(json["headers"], "headers"),
            Body = body,
            Caller = CallerIdentity.From(context),
        };
    }

    /// <exception cref="InvalidInputException">The path parameter is missing or blank.</exception>
    public string RequiredPathParameter(string name) =>
        PathParameters.GetValueOrDefault(name) is { } value && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new InvalidInputException($"The path parameter '{name}' is required.");

    /// <summary>Whether <paramref name="id"/> has the shape intake gives request ids (so nothing else reaches the stores or a log).</summary>
    public static bool IsRequestId(string id) => RequestIdPattern().IsMatch(id);

    /// <summary>The <c>{requestId}</c> path parameter, shaped like a request id.</summary>
    /// <exception cref="InvalidInputException">Missing or malformed.</exception>
    public string RequestId() =>
        RequiredPathParameter("requestId") is var id && IsRequestId(id) ? id : throw new InvalidInputException(MalformedRequestId);

    /// <summary>The body as a JSON object; an absent body is an empty object when <paramref name="optional"/>.</summary>
    /// <exception cref="InvalidInputException">The body is missing, too large, not JSON, or not an object.</exception>
    public JsonObject JsonBody(bool optional = false)
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return optional ? [] : throw new InvalidInputException("The request body is required: a JSON object.");
        }

        if (Encoding.UTF8.GetByteCount(Body) > MaxBodyBytes)
        {
            throw new InvalidInputException($"The request body is larger than {MaxBodyBytes} bytes.");
        }

        try
        {
            return JsonNode.Parse(Body, documentOptions: new JsonDocumentOptions { MaxDepth = MaxJsonDepth }) as JsonObject
                ?? throw new InvalidInputException("The request body must be a JSON object.");
        }
        catch (JsonException malformed)
        {
            // The position only: the text itself may be personal data.
            throw new InvalidInputException($"The request body is not well-formed JSON (line {malformed.LineNumber ?? 0}, byte {malformed.BytePositionInLine ?? 0}).");
        }
    }

    private static string DecodeBase64(string body)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(body));
        }
        catch (FormatException)
        {
            throw new InvalidInputException("The request body is marked base64 but is not.");
        }
    }

    private static Dictionary<string, string> Map(JsonNode? node, string field)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return map;
        }

        foreach (var (name, value) in JsonPayload.RequireObject(node, $"'{field}'"))
        {
            if (value is JsonValue text && text.TryGetValue<string>(out var s))
            {
                map[name] = s;
            }
        }

        return map;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdPattern();
}
