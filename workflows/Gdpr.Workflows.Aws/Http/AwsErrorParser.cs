using System.Net;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Gdpr.Workflows.Aws.Http;

/// <summary>Reads the error code and message from any AWS protocol's error response (JSON, query XML, or headers only).</summary>
internal static class AwsErrorParser
{
    private const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static AwsServiceException Parse(HttpStatusCode status, string? errorTypeHeader, string? requestId, byte[] body)
    {
        var (code, message) = FromJson(body) ?? FromXml(body) ?? (null, null);
        code ??= ShortCode(errorTypeHeader) ?? $"Http{(int)status}";
        return new AwsServiceException(code, message ?? $"HTTP {(int)status} with no error message", status, requestId);
    }

    public static async Task<AwsServiceException> ParseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return Parse(response.StatusCode, FirstHeader(response, ErrorTypeHeader), AwsRequestIds.From(response), body);
    }

    /// <summary>"com.amazonaws.swf.service.v2.model#TaskTimedOut" and "TaskTimedOut:http://internal..." are both "TaskTimedOut".</summary>
    internal static string? ShortCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? code[..colon] : code).Trim();
    }

    private static (string? Code, string? Message)? FromJson(byte[] body)
    {
        if (body.Length == 0 || body[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return (ShortCode(String(root, "__type") ?? String(root, "code") ?? String(root, "Code")),
                String(root, "message") ?? String(root, "Message"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string? Code, string? Message)? FromXml(byte[] body)
    {
        if (body.Length == 0 || body[0] != (byte)'<')
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(body);
            var error = XDocument.Load(stream).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
            return error is null ? null : (Child(error, "Code"), Child(error, "Message"));
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
