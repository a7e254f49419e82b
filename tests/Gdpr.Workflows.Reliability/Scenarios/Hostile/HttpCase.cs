using System.Net;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Reliability.Support;

namespace Gdpr.Workflows.Reliability.Scenarios.Hostile;

/// <summary>Whose token a case sends.</summary>
public enum Caller
{
    None,
    Wrong,
    Officer,
    Auditor,
    AsyncSystem,
    OtherSystem,
}

/// <summary>
/// One hostile HTTP request and what must come back: a 4xx (exactly <see cref="Expected"/> when set) with a JSON
/// error body naming the problem, unless <see cref="FromListener"/> (the HTTP layer itself refuses it before the API sees it).
/// </summary>
public sealed record HttpCase(string Kind, HttpMethod Method, string PathAndQuery, Caller Caller, Func<HttpContent?> Content)
{
    public HttpStatusCode? Expected { get; init; }

    /// <summary>Refused by the HTTP listener (headers too large...): a 4xx, or the connection closed, without our JSON.</summary>
    public bool FromListener { get; init; }

    public Action<HttpRequestMessage>? Customize { get; init; }

    /// <summary>Sends the case; null when it held, else what was wrong.</summary>
    public async Task<string?> CheckAsync(ServeChildProcess serve, HttpClient http, CancellationToken cancellationToken)
    {
        var token = Caller switch
        {
            Caller.None => null,
            Caller.Wrong => "0123456789abcdef",
            Caller.Officer => serve.Tokens.Officer,
            Caller.Auditor => serve.Tokens.Auditor,
            Caller.AsyncSystem => serve.Tokens.Systems["support-desk"],
            _ => serve.Tokens.Systems["orders"],
        };
        using var request = serve.Request(Method, PathAndQuery, token, Content());
        Customize?.Invoke(request);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            return FromListener ? null : $"{Kind}: {Method} {Short(PathAndQuery)}: no answer ({e.Message})";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (status is < 400 or > 499)
            {
                return $"{Kind}: {Method} {Short(PathAndQuery)}: {status}, not a 4xx: {Short(text)}";
            }

            if (Expected is { } expected && response.StatusCode != expected)
            {
                return $"{Kind}: {Method} {Short(PathAndQuery)}: {status}, expected {(int)expected}: {Short(text)}";
            }

            if (FromListener)
            {
                return null;
            }

            try
            {
                // Both error shapes the API answers (functions/README.md): {error: {code, type, message}} from the
                // deployed routes' handlers, {error: {code, message, hint}} from the local HTTP layer. The code must be
                // the one the status stands for, and a type, when given, a domain error type.
                var error = JsonNode.Parse(text)?["error"] as JsonObject;
                var code = Text(error?["code"]);
                var message = Text(error?["message"]);
                if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(message))
                {
                    return $"{Kind}: {Method} {Short(PathAndQuery)}: {status} without an error code and message: {Short(text)}";
                }

                if (CodeFor(status) is { } expectedCode && code != expectedCode)
                {
                    return $"{Kind}: {Method} {Short(PathAndQuery)}: {status} with error code {code}, not {expectedCode}: {Short(text)}";
                }

                var typeIsWrong = error!.ContainsKey("type") && !(Text(error["type"])?.StartsWith("Erasure.", StringComparison.Ordinal) ?? false);
                return typeIsWrong
                    ? $"{Kind}: {Method} {Short(PathAndQuery)}: {status} with an error type that is not a domain error type: {Short(text)}"
                    : null;
            }
            catch (System.Text.Json.JsonException)
            {
                return $"{Kind}: {Method} {Short(PathAndQuery)}: {status} with a body that is not JSON: {Short(text)}";
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    /// <summary>The error code each refusal status stands for on this API (null: any code).</summary>
    private static string? CodeFor(int status) => status switch
    {
        400 => "bad_input",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "too_large",
        415 => "unsupported_media_type",
        431 => "headers_too_large",
        _ => null,
    };

    private static string Short(string text) => text.Length <= 160 ? text.ReplaceLineEndings(" ") : text[..160].ReplaceLineEndings(" ") + "...";
}
