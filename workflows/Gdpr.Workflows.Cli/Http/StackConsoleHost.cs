using System.Net;
using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// The web host of <c>gdpr serve --aws</c>: only the console (over a deployed stack's backend) on Kestrel, behind the
/// same limits and middleware as <see cref="ApiHost"/>, on loopback unless TLS is given. It serves no JSON API and no
/// engine: the local routes (the <c>POST /cli</c> relay, tasks, ...) answer a clear refusal instead, since the stack's
/// own API is the API.
/// </summary>
public sealed class StackConsoleHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private StackConsoleHost(WebApplication app, Uri url, ConsoleApp console)
    {
        this.app = app;
        Url = url;
        Console = console;
    }

    public Uri Url { get; }

    public ConsoleApp Console { get; }

    /// <param name="tables">The stack's tables as named here: a page that meets a missing one says which and how to fix it.</param>
    public static async Task<StackConsoleHost> StartAsync(ConsoleOptions console, StackTables tables, IPAddress address, int port, ServeTls? tls, Action<string?, string> log, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new ApiLog(log));
        HostServing.Listen(builder, address, port, tls);
        var app = builder.Build();
        HostServing.UseLimits(app);
        ConsoleApp? mapped = null;
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (ResourceNotFoundException) when (!context.Response.HasStarted && mapped is not null)
            {
                // A table deleted, or the wrong one named, after start: a configuration to fix, said on the page.
                await mapped.MessageAsync(context, mapped.Sessions.Find(context.Request), StatusCodes.Status503ServiceUnavailable, "Stack table missing",
                    $"{tables.Missing(null)} Nothing was changed. {StackTables.Hint} Then restart gdpr serve --aws.");
            }
        });
        mapped = app.MapConsole(console);
        app.MapFallback("{**path}", RefuseAsync);
        return new StackConsoleHost(app, await HostServing.StartAsync(app, address, port, tls is not null, cancellationToken), mapped);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled, then stops.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => HostServing.RunAsync(app, cancellationToken);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    /// <summary>Anything but the console: the local API's routes (the /cli relay among them) do not exist here; say where to go instead.</summary>
    private static Task RefuseAsync(HttpContext context)
    {
        var relay = context.Request.Path.Equals("/" + ServeRelay.Route, StringComparison.Ordinal);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return context.Response.WriteAsJsonAsync(new
        {
            error = new
            {
                code = "not_found",
                message = relay
                    ? "This gdpr serve --aws serves a deployed stack's console: it runs no local engine, so it relays no gdpr command. Run commands against the local installation without a running serve --aws, or use the stack's API."
                    : "gdpr serve --aws serves only the console; the JSON API is the deployed stack's own (its API Gateway URL, IAM-signed).",
            },
        }, context.RequestAborted);
    }
}
