using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Http;

/// <summary><c>POST /cli</c>: another gdpr process's command that changes requests, run on this engine (see <see cref="ServeForwarder"/>).</summary>
internal sealed class RelayRoutes(LocalHost host)
{
    public IEnumerable<ApiRoute> Routes()
    {
        // Every role may reach the handler; the relayed command says which role it needs (ServeRelay.Role).
        yield return new ApiRoute("POST", "/" + ServeRelay.Route, [ApiRole.Officer, ApiRole.Auditor, ApiRole.System], RunAsync);
    }

    private async Task<ApiAnswer> RunAsync(ApiCall call)
    {
        var relayed = ServeRelay.Read(await call.BodyAsync());
        if (call.Principal.Role != relayed.Role)
        {
            throw ApiException.Forbidden($"The {call.Principal.Role.ToString().ToLowerInvariant()} token may not call this route; it needs the token of: {relayed.Role.ToString().ToLowerInvariant()}.");
        }

        return new ApiAnswer(200, await relayed.RunAsync(host, call.CancellationToken));
    }
}
