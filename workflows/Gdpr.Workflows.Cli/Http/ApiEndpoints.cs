using Gdpr.Workflows.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// Maps the JSON API onto the web app. Every route authenticates first (401), then checks the method (405, with
/// <c>Allow</c>) and the caller's role (403), then runs its handler; a path that is no route is 404 for an
/// authenticated caller. Paths other mounts own (<see cref="ApiHost.ReservedForMounts"/>) are never answered here.
/// </summary>
internal static class ApiEndpoints
{
    public static void MapGdprApi(this IEndpointRouteBuilder app, IReadOnlyList<ApiRoute> routes)
    {
        var stopping = app.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var tokens = app.ServiceProvider.GetRequiredService<ApiTokens>();
        foreach (var path in routes.GroupBy(r => r.Pattern, StringComparer.Ordinal))
        {
            var methods = path.ToList();
            Func<ApiCall, Task<ApiAnswer>> dispatch = call => Dispatch(call, methods);
            RequestDelegate serve = context => ServeAsync(context, tokens, dispatch, stopping);
            app.Map(path.Key, serve);
        }

        var list = string.Join(", ", routes.Select(r => $"{r.Method} {r.Pattern}"));
        Func<ApiCall, Task<ApiAnswer>> notFound = _ => throw new ApiException(404, "not_found", $"No such route. Routes: {list}.");
        RequestDelegate fallback = context => IsReservedForMounts(context.Request) ? NothingMountedAsync(context) : ServeAsync(context, tokens, notFound, stopping);
        app.MapFallback("{**path}", fallback);
    }

    /// <summary>The paths the console and the Step Functions API own, whether or not they are mounted.</summary>
    public static bool IsReservedForMounts(HttpRequest request)
    {
        var path = request.Path;
        return path == "/" && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || request.Headers.ContainsKey("X-Amz-Target"))
            || path.StartsWithSegments("/signin") || path.StartsWithSegments("/console") || path.StartsWithSegments("/assets");
    }

    private static Task<ApiAnswer> Dispatch(ApiCall call, List<ApiRoute> methods)
    {
        var route = methods.FirstOrDefault(r => r.Method == call.Http.Request.Method);
        if (route is null)
        {
            var allowed = methods.Select(r => r.Method).ToList();
            throw new ApiException(405, "method_not_allowed", $"This path takes {string.Join(" or ", allowed)}.") { Headers = [("Allow", string.Join(", ", allowed))] };
        }

        if (!route.Roles.Contains(call.Principal.Role))
        {
            throw ApiException.Forbidden($"The {call.Principal.Role.ToString().ToLowerInvariant()} token may not call this route; it needs the token of: {string.Join(" or ", route.Roles.Select(a => a.ToString().ToLowerInvariant()))}.");
        }

        return route.Handle(call);
    }

    private static async Task ServeAsync(HttpContext context, ApiTokens tokens, Func<ApiCall, Task<ApiAnswer>> handle, CancellationToken stopping)
    {
        try
        {
            var call = new ApiCall(context, Authenticate(context.Request, tokens), stopping);
            var (status, body) = await handle(call);
            if (body is System.Text.Json.Nodes.JsonObject json && json["requestId"] is System.Text.Json.Nodes.JsonValue rid && rid.TryGetValue(out string? requestId))
            {
                context.Items[ApiResponses.RequestIdItem] = requestId;
            }

            await ApiResponses.WriteAsync(context, status, body);
        }
        catch (Exception failure)
        {
            var (status, error) = ApiResponses.Failure(failure);
            await ApiResponses.WriteAsync(context, status, error, failure is ApiException api ? api.Headers : null);
        }
    }

    private static ApiPrincipal Authenticate(HttpRequest request, ApiTokens tokens)
    {
        string? header = request.Headers.Authorization;
        var token = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        return tokens.Authenticate(token) ?? throw new ApiException(401, "unauthorized",
            "A valid bearer token is required: 'Authorization: Bearer <token>', the token from api-token (officers), api-token-auditor (auditors) or api-token-system-<name> (the system <name>) in the data directory.")
        {
            Headers = [("WWW-Authenticate", "Bearer realm=\"gdpr\"")],
        };
    }

    private static Task NothingMountedAsync(HttpContext context) =>
        ApiResponses.WriteAsync(context, 404, ApiResponses.Error("not_found", "Nothing is served here by this host.", null));
}
