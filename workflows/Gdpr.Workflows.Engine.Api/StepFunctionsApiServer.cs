using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>The Step Functions API alone on Kestrel, on 127.0.0.1 (port 0: a free one); <see cref="Url"/> is where it listens.</summary>
public sealed class StepFunctionsApiServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private StepFunctionsApiServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static Task<StepFunctionsApiServer> StartAsync(StepFunctionsApi api, int port = 0, SigV4Verifier? verifier = null, CancellationToken ct = default) =>
        StartAsync(api, port, verifier, certificate: null, ct);

    /// <param name="certificate">Serve HTTPS with this certificate (and its private key) instead of HTTP, when given.</param>
    public static async Task<StepFunctionsApiServer> StartAsync(
        StepFunctionsApi api, int port, SigV4Verifier? verifier, X509Certificate2? certificate, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        app.MapStepFunctionsApi(api, verifier);
        await app.StartAsync(ct);
        var address = app.Urls.Single();
        return new StepFunctionsApiServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
