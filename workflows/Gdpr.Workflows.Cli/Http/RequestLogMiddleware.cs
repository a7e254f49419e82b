using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// One log line per call: method, path, status and time, with the request id it was about. The path is logged as the
/// route's words and well-formed request ids only, so the log never holds what a caller put in a URL (a token, an
/// email address), and the query string and body are never logged.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, ApiLog log)
{
    private static readonly HashSet<string> KnownWords = new(StringComparer.Ordinal)
    {
        "requests", "history", "cancel", "verification", "extension", "pause", "resume", "retry", "refusal", "tasks", "callback", "audit", "verify", "cli", "openapi.json",
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var segments = (context.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            await next(context);
        }
        finally
        {
            var requestId = context.Items[ApiResponses.RequestIdItem] as string
                ?? (segments is ["requests", var id, ..] && IsRequestId(id) ? id : null);
            log.Write(requestId, $"{LoggedMethod(context.Request.Method)} {LoggedPath(segments)} {context.Response.StatusCode} {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        }
    }

    /// <summary>Whether <paramref name="id"/> has the shape intake gives request ids (and nothing else reaches the stores or the log).</summary>
    public static bool IsRequestId(string id) => Functions.Hosting.HttpApi.HttpApiRequest.IsRequestId(id);

    private static string LoggedPath(string[] segments) =>
        "/" + string.Join('/', segments.Take(4).Select(s => KnownWords.Contains(s) || IsRequestId(s) ? s : "{?}")) + (segments.Length > 4 ? "/..." : string.Empty);

    private static string LoggedMethod(string method) => method is "GET" or "POST" or "PUT" or "PATCH" or "DELETE" or "HEAD" or "OPTIONS" ? method : "OTHER";
}

/// <summary>Where <c>gdpr serve</c> writes its log lines: (request id or null, message).</summary>
public sealed class ApiLog(Action<string?, string> write)
{
    public void Write(string? requestId, string message) => write(requestId, message);
}
