using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// Calls wait their turn (<see cref="ApiLimits.MaxConcurrentWrites"/> writes, <see cref="ApiLimits.MaxConcurrentReads"/>
/// reads at once), in order, in memory: under load a call is slower, never refused. When the server stops, a call
/// still waiting is not served: its connection is aborted and the client tries again.
/// </summary>
internal sealed class BackPressureMiddleware(RequestDelegate next, IHostApplicationLifetime lifetime) : IDisposable
{
    private readonly SemaphoreSlim writes = new(ApiLimits.MaxConcurrentWrites);
    private readonly SemaphoreSlim reads = new(ApiLimits.MaxConcurrentReads);

    public async Task InvokeAsync(HttpContext context)
    {
        var turn = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ? reads : writes;
        try
        {
            await turn.WaitAsync(lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose()
    {
        writes.Dispose();
        reads.Dispose();
    }
}
