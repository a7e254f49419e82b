using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// The API's header limits: Kestrel takes headers up to its own, larger limits (<see cref="ApiLimits.Configure"/>);
/// the API refuses more than a client ever needs with a JSON 431, before it looks at the token.
/// </summary>
internal sealed class HeaderLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        long bytes = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                bytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (headers.Count > ApiLimits.MaxHeaderCount || bytes > ApiLimits.MaxHeaderBytes)
        {
            await ApiResponses.WriteAsync(context, 431, ApiResponses.Error("headers_too_large", $"The request headers are too large: at most {ApiLimits.MaxHeaderCount} headers and {ApiLimits.MaxHeaderBytes / 1024} KiB in all.", null));
            return;
        }

        await next(context);
    }
}
