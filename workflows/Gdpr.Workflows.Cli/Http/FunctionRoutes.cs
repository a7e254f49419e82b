using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Local.Composition;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// The deployed API's routes (template.yaml, functions/README.md "Contracts (API)"), answered by the same function
/// classes Lambda runs, on the host's services: the call becomes the HTTP API event API Gateway would send, and the
/// function's <c>{statusCode, body}</c> is the answer. What stays with the host is what API Gateway and IAM do when
/// deployed: the bearer token and role (401/403) and the body's transport limits (413/415, UTF-8). A system's task
/// answers are <see cref="TaskRoutes"/>: the same contract code (TaskAnswering) as the TaskCallback function, with the
/// inbox as the record of answers, and a system answering only its own tasks.
/// </summary>
internal sealed class FunctionRoutes
{
    private readonly LocalHost host;
    private readonly IReadOnlyDictionary<string, IJsonFunction> functions;

    public FunctionRoutes(LocalHost host)
    {
        this.host = host;
        functions = LocalFunctions.Functions(host.Services);
    }

    /// <summary>The caller a local token stands for, as an IAM principal (the audit trail's actor: <c>user/gdpr-officer</c>).</summary>
    public static string CallerArn(ApiPrincipal principal) =>
        $"arn:aws:iam::000000000000:user/gdpr-{(principal.System is { } system ? "system-" + system : principal.Role.ToString().ToLowerInvariant())}";

    public IEnumerable<ApiRoute> Routes()
    {
        yield return Route("POST /requests", "Intake", [ApiRole.Officer]);
        yield return Route("GET /requests/{requestId}", "Status", [ApiRole.Officer, ApiRole.Auditor]);
        yield return Route("GET /requests/{requestId}/history", "History", [ApiRole.Officer, ApiRole.Auditor]);
        yield return Route("POST /requests/{requestId}/cancel", "Cancel", [ApiRole.Officer]);
        yield return Route("POST /requests/{requestId}/verification", "TaskCallback", [ApiRole.Officer]);
        yield return Route("GET /tasks/{taskId}/subject", "Tasks", [ApiRole.System]);
        yield return Route("POST /requests/{requestId}/extension", "Deadline", [ApiRole.Officer]);
        yield return Route("POST /requests/{requestId}/pause", "Deadline", [ApiRole.Officer]);
        yield return Route("POST /requests/{requestId}/resume", "Deadline", [ApiRole.Officer]);
        yield return Route("POST /requests/{requestId}/retry", "Retry", [ApiRole.Officer]);
        yield return Route("POST /requests/{requestId}/refusal", "Refusal", [ApiRole.Officer]);
    }

    private ApiRoute Route(string routeKey, string function, IReadOnlyList<ApiRole> roles)
    {
        var (method, pattern) = (routeKey.Split(' ')[0], routeKey.Split(' ')[1]);
        return new ApiRoute(method, pattern, roles, call => InvokeAsync(call, routeKey, function));
    }

    /// <summary>
    /// A system's <c>GET /tasks</c>, answered by the Tasks function as deployed (its query checked there); the host keeps
    /// the officers' view of every system's tasks.
    /// </summary>
    public Task<ApiAnswer> SystemTasksAsync(ApiCall call) => InvokeAsync(call, "GET /tasks", "Tasks", query: true);

    private async Task<ApiAnswer> InvokeAsync(ApiCall call, string routeKey, string function, string? body = null, bool query = false)
    {
        var request = call.Http.Request;
        var queryParameters = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        if (!query)
        {
            call.NoQuery();
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.RouteValues["requestId"] is string requestId)
        {
            parameters["requestId"] = ApiCall.Id(requestId);
        }

        if (request.RouteValues["taskId"] is string taskId)
        {
            parameters["taskId"] = taskId;
        }

        body ??= await call.BodyTextAsync();
        var headers = request.Headers.Where(h => h.Key is not "Authorization" and not "Cookie").ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var payload = HttpApiEvent.Create(routeKey, request.Path.Value ?? string.Empty, parameters, headers, body, CallerArn(call.Principal), query ? queryParameters : null);
        var response = await functions[LocalFunctions.Prefix + function].HandleAsync(payload, call.CancellationToken) as JsonObject
            ?? throw new InvalidOperationException($"The {function} function answered no HTTP API response.");
        return new ApiAnswer(response["statusCode"]!.GetValue<int>(), JsonNode.Parse(response["body"]!.GetValue<string>()));
    }
}
