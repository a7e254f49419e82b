using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Integrations;

/// <summary>
/// The parts every optimised service integration response shares: the AWS SDK for Java's
/// <c>SdkHttpMetadata</c>/<c>SdkResponseMetadata</c> envelope, request ids, and the SDK's error cause text.
/// </summary>
internal static class AwsServiceResponses
{
    /// <summary>The cause Step Functions reports for a service error, in the Java SDK's wording.</summary>
    public static string ErrorCause(string message, string service, int statusCode, string errorCode, string requestId) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{message} (Service: {service}; Status Code: {statusCode}; Error Code: {errorCode}; Request ID: {requestId}; Proxy: null)");

    /// <summary>
    /// A UUID derived from <paramref name="seed"/>: a task that runs again after a crash (same idempotency key)
    /// reports the same request and message ids.
    /// </summary>
    public static string DeterministicUuid(string seed)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(seed), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: application-defined
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true).ToString();
    }

    /// <summary>An HTTP date header value (RFC 1123).</summary>
    public static string HttpDate(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The SdkHttpMetadata object: <c>AllHttpHeaders</c> (header → list of values, in the order given) and
    /// <c>HttpHeaders</c> (header → value, sorted case-insensitively as the SDK's TreeMap does).
    /// </summary>
    public static JsonObject HttpMetadata(IReadOnlyList<KeyValuePair<string, string>> headers, int statusCode)
    {
        var all = new JsonObject();
        foreach (var (name, value) in headers)
        {
            all[name] = new JsonArray(value);
        }

        var single = new JsonObject();
        foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            single[name] = value;
        }

        return new JsonObject
        {
            ["AllHttpHeaders"] = all,
            ["HttpHeaders"] = single,
            ["HttpStatusCode"] = statusCode,
        };
    }

    public static JsonObject ResponseMetadata(string requestId) => new() { ["RequestId"] = requestId };
}
