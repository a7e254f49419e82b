using System.Net;
using Gdpr.Workflows.Cli.Infrastructure;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// Where <c>gdpr serve</c> may listen: on loopback (127.0.0.1, the default, or ::1) over HTTP or HTTPS; on any other
/// address only over HTTPS, with a certificate and key given. Bearer tokens and session cookies never cross a network
/// in clear text.
/// </summary>
public static class ServeAddress
{
    /// <exception cref="CliException">Bad input (exit 2): not an IP address, a non-loopback address without TLS, or half a TLS pair.</exception>
    public static (IPAddress Address, ServeTls? Tls) Resolve(string? address, string? certificatePath, string? keyPath)
    {
        IPAddress ip;
        if (string.IsNullOrWhiteSpace(address) || address == "localhost")
        {
            ip = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(address, out ip!))
        {
            throw CliException.BadInput($"--address must be an IP address (e.g. 127.0.0.1, 0.0.0.0, 192.168.1.20); got '{Printable(address)}'.");
        }

        if ((certificatePath is null) != (keyPath is null))
        {
            throw CliException.BadInput("--tls-cert and --tls-key go together: the certificate and its private key, both PEM files.");
        }

        var tls = certificatePath is not null ? new ServeTls(certificatePath, keyPath!) : null;
        if (tls is null && !IPAddress.IsLoopback(ip))
        {
            throw CliException.BadInput(
                $"Refusing to serve on {ip} without TLS: the API's bearer tokens would cross the network in clear text. Only loopback (127.0.0.1) is served over plain HTTP.",
                "Give --tls-cert <cert.pem> --tls-key <key.pem> to serve HTTPS on that address, or leave --address out to serve on 127.0.0.1.");
        }

        return (ip, tls);
    }

    private static string Printable(string text) => text.Length <= 64 && text.All(c => !char.IsControl(c)) ? text : "(not shown)";
}
