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
                var error = JsonNode.Parse(text)?["error"];
                var code = error?["code"]?.GetValue<string>();
                var message = error?["message"]?.GetValue<string>();
                return string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(message)
                    ? $"{Kind}: {Method} {Short(PathAndQuery)}: {status} without an error code and message: {Short(text)}"
                    : null;
            }
            catch (System.Text.Json.JsonException)
            {
                return $"{Kind}: {Method} {Short(PathAndQuery)}: {status} with a body that is not JSON: {Short(text)}";
            }
        }
    }

    private static string Short(string text) => text.Length <= 160 ? text.ReplaceLineEndings(" ") : text[..160].ReplaceLineEndings(" ") + "...";
}
