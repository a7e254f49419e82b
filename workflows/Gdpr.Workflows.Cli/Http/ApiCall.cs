using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Local;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>One authenticated call to an API route: who called, the path's request id, the query and the body.</summary>
internal sealed class ApiCall(HttpContext http, ApiPrincipal principal, CancellationToken cancellationToken)
{
    public HttpContext Http { get; } = http;

    public ApiPrincipal Principal { get; } = principal;

    /// <summary>The server's stop: a call is not cancelled because its client went away (its work is kept whole).</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The <c>{id}</c> of the path, checked to be shaped like a request id.</summary>
    public string RequestId => Id(Http.Request.RouteValues["id"] as string ?? string.Empty);

    /// <summary>A request id from the path or query: the shape intake gives them, so nothing else reaches the stores or the log.</summary>
    public static string Id(string id) =>
        RequestLogMiddleware.IsRequestId(id) ? id : throw new InvalidInputException("The request id is malformed: request ids are letters, digits, '-', '_', '.' and ':' (at most 128), e.g. req-20250314-8f2k1q.");

    public string? QueryValue(string name) => Http.Request.Query.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>Refuses a query parameter the route does not know.</summary>
    public void Query(params string[] allowed)
    {
        foreach (var key in Http.Request.Query.Keys)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                throw new InvalidInputException(allowed.Length == 0
                    ? "This route takes no query parameters."
                    : $"Unknown query parameter; this route takes {string.Join(", ", allowed)}.");
            }
        }
    }

    public void NoQuery() => Query();

    public Task<JsonObject> BodyAsync() => JsonRequestBody.ReadAsync(Http.Request, CancellationToken);
}
