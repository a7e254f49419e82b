using System.Net;
using Gdpr.Workflows.Cli.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>What both hosts of the tool (the local API, the console over a stack) do alike: listen, limit, start, stop.</summary>
internal static class HostServing
{
    /// <summary>Kestrel on <paramref name="address"/>:<paramref name="port"/> with the API's limits, HTTPS with <paramref name="tls"/>.</summary>
    public static void Listen(WebApplicationBuilder builder, IPAddress address, int port, ServeTls? tls)
    {
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
    }

    /// <summary>The middleware every call passes first: one log line, header limits, back pressure; then routing.</summary>
    public static void UseLimits(WebApplication app)
    {
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<HeaderLimitMiddleware>();
        app.UseMiddleware<BackPressureMiddleware>();
        app.UseRouting();
    }

    /// <summary>Starts the app; a port in use is a conflict the officer can act on. Returns the URL it listens on.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, IPAddress address, int port, bool https, CancellationToken cancellationToken)
    {
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
        return new Uri($"{(https ? "https" : "http")}://{host}:{bound.Port}/");
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled, then stops (calls in progress finish).</summary>
    public static async Task RunAsync(WebApplication app, CancellationToken cancellationToken)
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
}
