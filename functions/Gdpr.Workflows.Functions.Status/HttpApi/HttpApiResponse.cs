namespace Gdpr.Workflows.Functions.Status.HttpApi;

/// <summary>An API Gateway HTTP API (payload format 2.0) response; <see cref="Body"/> is the JSON text the caller gets.</summary>
internal sealed record HttpApiResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body, bool IsBase64Encoded = false)
{
    public static HttpApiResponse Json(int statusCode, string json) =>
        new(statusCode, new Dictionary<string, string>(StringComparer.Ordinal) { ["content-type"] = "application/json" }, json);
}
