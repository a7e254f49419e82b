using System.Net;
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

    public static async Task<StackConsoleHost> StartAsync(ConsoleOptions console, IPAddress address, int port, ServeTls? tls, Action<string?, string> log, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(new ApiLog(log));
        var certificate = tls is null ? null : ApiHost.LoadCertificate(tls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            ApiLimits.Configure(kestrel.Limits);
            kestrel.Listen(address, port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<HeaderLimitMiddleware>();
        app.UseMiddleware<BackPressureMiddleware>();
        app.UseRouting();
        var mapped = app.MapConsole(console);
        app.MapFallback("{**path}", RefuseAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw CliException.Conflict($"Cannot listen on {address}:{port}: {e.Message}", "Choose another --port, or leave it out for a free one.");
        }

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var host = bound.HostNameType == UriHostNameType.IPv6 ? $"[{address}]" : address.ToString();
        return new StackConsoleHost(app, new Uri($"{(certificate is null ? "http" : "https")}://{host}:{bound.Port}/"), mapped);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled, then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }

        await app.StopAsync(CancellationToken.None);
    }

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
