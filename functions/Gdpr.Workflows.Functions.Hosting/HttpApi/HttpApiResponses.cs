using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Functions.Hosting.HttpApi;

/// <summary>HTTP API (payload format 2.0) responses: <c>{statusCode, headers, body, isBase64Encoded}</c> with a JSON body.</summary>
public static class HttpApiResponses
{
    public static JsonObject Json(int statusCode, JsonNode? body) => new()
    {
        ["statusCode"] = statusCode,
        ["headers"] = new JsonObject
        {
            ["content-type"] = "application/json",
            // Answers describe one request at one moment; nothing in between should keep them.
            ["cache-control"] = "no-store",
        },
        ["body"] = body?.ToJsonString() ?? "null",
        ["isBase64Encoded"] = false,
    };

    /// <summary>
    /// <c>{"error": {"code", "type", "message"}}</c>: <c>code</c> names the HTTP-level kind (<see cref="CodeFor"/>), <c>type</c>
    /// the domain's error type (e.g. <c>Erasure.NotFound</c>); the message must already be free of personal data. The local
    /// host answers its own refusals in the same shape (without <c>type</c>).
    /// </summary>
    public static JsonObject Error(int statusCode, string errorType, string message) =>
        Json(statusCode, ErrorBody(statusCode, errorType, message));

    public static JsonObject ErrorBody(int statusCode, string errorType, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = CodeFor(statusCode), ["type"] = errorType, ["message"] = message } };

    /// <summary>bad_input (400), forbidden (403), not_found (404), conflict (409), unavailable (503), internal otherwise.</summary>
    public static string CodeFor(int statusCode) => statusCode switch
    {
        400 => "bad_input",
        403 => "forbidden",
        404 => "not_found",
        409 => "conflict",
        503 => "unavailable",
        _ => "internal",
    };

    /// <summary>400 invalid input, 404 not found, 409 conflict, 503 transient, 500 otherwise.</summary>
    public static int StatusCodeFor(ErasureErrorKind kind) => kind switch
    {
        ErasureErrorKind.InvalidInput => 400,
        ErasureErrorKind.NotFound => 404,
        ErasureErrorKind.Conflict => 409,
        ErasureErrorKind.Transient => 503,
        _ => 500,
    };
}
