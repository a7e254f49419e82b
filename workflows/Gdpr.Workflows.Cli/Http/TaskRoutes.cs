using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>The task routes only the local host has: the open tasks (answers go to <c>POST /tasks/callback</c>, a <see cref="FunctionRoutes"/> route).</summary>
internal sealed class TaskRoutes(LocalHost host)
{
    public IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("GET", "/tasks", [ApiRole.System, ApiRole.Officer], TasksAsync);
    }

    /// <summary>A system sees its own tasks, with the tokens to answer them; an officer sees every system's, without tokens.</summary>
    private async Task<ApiAnswer> TasksAsync(ApiCall call)
    {
        call.Query("system");
        var system = call.QueryValue("system");
        var principal = call.Principal;
        if (principal.Role == ApiRole.System)
        {
            if (system is not null && system != principal.System)
            {
                throw ApiException.Forbidden($"The token of system {principal.System} sees only that system's tasks.");
            }

            return new ApiAnswer(200, TaskViews.List(await host.Tasks.OpenAsync(principal.System, cancellationToken: call.CancellationToken), withTokens: true));
        }

        return new ApiAnswer(200, TaskViews.List(await host.Tasks.OpenAsync(system, cancellationToken: call.CancellationToken), withTokens: false));
    }
}
