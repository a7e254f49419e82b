using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// The web host of <c>gdpr serve</c>: ASP.NET Core on Kestrel, serving the JSON API (<see cref="FunctionRoutes"/>: the deployed routes, by the functions' own handlers; <see cref="RequestRoutes"/>,
/// <see cref="TaskRoutes"/>, <see cref="RelayRoutes"/>) behind the limits of <see cref="ApiLimits"/>.
/// <para>
/// <b>Mounting more on the same app.</b> Other code adds endpoints through <see cref="ApiHostOptions.Mounts"/>
/// (<c>Action&lt;WebApplication&gt;</c>, run after the API is mapped; register their services through
/// <see cref="ApiHostOptions.Services"/>); <c>gdpr serve</c> takes them from <see cref="ServeMounts.For"/>. The
/// middleware every call passes (log line, header limits, back-pressure) wraps mounted endpoints too; the API's
/// authentication does not: each mount authenticates its own callers (the app's services hold
/// <see cref="ApiTokens"/> and <see cref="LocalHost"/>). The API's fallback (401/404 JSON) never answers the paths
/// reserved for mounts: <c>GET /</c>, <c>/signin</c>, <c>/console/*</c>, <c>/assets/*</c> (the console) and
/// <c>POST /</c> with an <c>X-Amz-Target</c> header (the Step Functions API); a mounted endpoint there wins, and
/// unmounted they are a plain 404.
/// </para>
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ApiHost(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The app's services (what mounts see).</summary>
    public IServiceProvider Services => app.Services;

    public static async Task<ApiHost> StartAsync(ApiHostOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The CLI's output is its own: the host logs one line per call through ApiLog, nothing else.
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton(options.Host);
        builder.Services.AddSingleton(options.Tokens);
        builder.Services.AddSingleton(new ApiLog(options.Log));
        foreach (var configure in options.Services)
        {
            configure(builder.Services);
        }

        HostServing.Listen(builder, options.Address, options.Port, options.Tls);
        var app = builder.Build();
        HostServing.UseLimits(app);
        app.MapOpenApi();
        app.MapGdprApi([.. new FunctionRoutes(options.Host).Routes(), .. new RequestRoutes(options.Host).Routes(), .. new TaskRoutes(options.Host).Routes(), .. new RelayRoutes(options.Host).Routes()]);
        foreach (var mount in options.Mounts)
        {
            mount(app);
        }

        return new ApiHost(app, await HostServing.StartAsync(app, options.Address, options.Port, options.Tls is not null, cancellationToken));
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled, then stops (calls in progress finish).</summary>
    public Task RunAsync(CancellationToken cancellationToken) => HostServing.RunAsync(app, cancellationToken);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    internal static X509Certificate2 LoadCertificate(ServeTls tls)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.KeyPath);
            // Kestrel needs the key in a form the TLS stack can use on every platform: round-trip through PKCS#12.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw CliException.BadInput($"Cannot read the TLS certificate and key (PEM): {e.Message}", "Give --tls-cert <certificate.pem> --tls-key <key.pem>, e.g. made with: openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -subj /CN=gdpr");
        }
    }

    /// <summary>The command owns Ctrl+C and the process's lifetime, not the web host.</summary>
    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
