using System.Net;
using Gdpr.Workflows.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>What <see cref="ApiHost"/> serves, where, and what else is mounted on the same app.</summary>
public sealed class ApiHostOptions
{
    public required LocalHost Host { get; init; }

    public required ApiTokens Tokens { get; init; }

    /// <summary>A log line per call: (request id or null, message).</summary>
    public required Action<string?, string> Log { get; init; }

    /// <summary>The address to listen on: loopback unless <see cref="Tls"/> is given (see <see cref="ServeAddress"/>).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port, or 0 for a free one.</summary>
    public int Port { get; init; }

    /// <summary>The certificate to serve HTTPS with; null for plain HTTP (loopback only).</summary>
    public ServeTls? Tls { get; init; }

    /// <summary>Services other mounts need registered before the app is built (e.g. antiforgery for the console).</summary>
    public IReadOnlyList<Action<IServiceCollection>> Services { get; init; } = [];

    /// <summary>
    /// Endpoints other code adds to the same app, after the API's: the console (<c>app.MapConsole(...)</c>) and the
    /// Step Functions API. Each sees the app's services: <see cref="LocalHost"/>, <see cref="ApiTokens"/>, <see cref="ApiLog"/>.
    /// </summary>
    public IReadOnlyList<Action<WebApplication>> Mounts { get; init; } = [];
}

/// <summary>A PEM certificate and its PEM private key, for HTTPS.</summary>
public sealed record ServeTls(string CertificatePath, string KeyPath);
