using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gdpr.Workflows.Cli.Http;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Http;

/// <summary><c>gdpr serve</c> listens on loopback by default; any other address only over HTTPS.</summary>
public sealed class ServeAddressTests
{
    [Fact]
    public void Resolve_NoAddress_IsLoopbackOverHttp()
    {
        var (address, tls) = ServeAddress.Resolve(null, null, null);

        address.Should().Be(IPAddress.Loopback);
        tls.Should().BeNull();
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.20")]
    [InlineData("::")]
    public void Resolve_NonLoopbackWithoutTls_IsRefused(string address)
    {
        var resolve = () => ServeAddress.Resolve(address, null, null);

        resolve.Should().Throw<CliException>().Where(e => e.ExitCode == ExitCodes.BadInput && e.Message.Contains("without TLS", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_NonLoopbackWithTls_IsServedOverHttps()
    {
        var (address, tls) = ServeAddress.Resolve("192.168.1.20", "cert.pem", "key.pem");

        address.Should().Be(IPAddress.Parse("192.168.1.20"));
        tls.Should().Be(new ServeTls("cert.pem", "key.pem"));
    }

    [Theory]
    [InlineData("cert.pem", null)]
    [InlineData(null, "key.pem")]
    public void Resolve_HalfATlsPair_IsRefused(string? certificate, string? key)
    {
        var resolve = () => ServeAddress.Resolve("127.0.0.1", certificate, key);

        resolve.Should().Throw<CliException>().Where(e => e.ExitCode == ExitCodes.BadInput);
    }

    [Fact]
    public void Resolve_NotAnAddress_IsRefused()
    {
        var resolve = () => ServeAddress.Resolve("example.com", null, null);

        resolve.Should().Throw<CliException>().Where(e => e.ExitCode == ExitCodes.BadInput);
    }

    [Fact]
    public async Task Serve_NonLoopbackWithoutTls_ExitsTwoWithARefusal()
    {
        using var gdpr = new GdprHarness();

        var run = await gdpr.RunAsync("serve", "--address", "0.0.0.0");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Error.Should().Contain("Refusing to serve on 0.0.0.0 without TLS");
        ServeInfo.TryRead(GdprHome.At(gdpr.Home)).Should().BeNull("nothing was served");
    }

    [Fact]
    public async Task Serve_WithTlsCertificate_ServesHttpsWithThatCertificate()
    {
        using var gdpr = new GdprHarness();
        Directory.CreateDirectory(gdpr.Home);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=gdpr-serve-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = Path.Combine(gdpr.Home, "cert.pem");
        var keyFile = Path.Combine(gdpr.Home, "key.pem");
        await File.WriteAllTextAsync(certificateFile, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyFile, key.ExportPkcs8PrivateKeyPem());
        using var stop = new CancellationTokenSource();
        var serving = gdpr.RunAsync(stop.Token, "serve", "--address", "127.0.0.1", "--tls-cert", certificateFile, "--tls-key", keyFile);
        try
        {
            var info = await WaitForServeAsync(gdpr, serving);
            X509Certificate2? presented = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                {
                    presented = cert is null ? null : X509CertificateLoader.LoadCertificate(cert.RawData);
                    return cert?.Thumbprint == certificate.Thumbprint;
                },
            };
            using var http = new HttpClient(handler);

            using var response = await http.GetAsync(new Uri(new Uri(info.Url), "requests"));

            info.Url.Should().StartWith("https://127.0.0.1:");
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the API answers over TLS, and still wants a token");
            presented!.Thumbprint.Should().Be(certificate.Thumbprint);
        }
        finally
        {
            await stop.CancelAsync();
            (await serving).ExitCode.Should().Be(0);
        }
    }

    [Fact]
    public async Task Serve_UnreadableTlsKey_ExitsTwo()
    {
        using var gdpr = new GdprHarness();
        Directory.CreateDirectory(gdpr.Home);
        var certificateFile = Path.Combine(gdpr.Home, "cert.pem");
        await File.WriteAllTextAsync(certificateFile, "not a certificate");

        var run = await gdpr.RunAsync("serve", "--tls-cert", certificateFile, "--tls-key", certificateFile);

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Error.Should().Contain("TLS certificate");
    }

    private static async Task<ServeInfo> WaitForServeAsync(GdprHarness gdpr, Task<CliRun> serving)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (ServeInfo.TryRead(GdprHome.At(gdpr.Home)) is { } info)
            {
                return info;
            }

            if (serving.IsCompleted || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("gdpr serve did not start: " + (serving.IsCompleted ? (await serving).ToString() : "timed out"));
            }

            await Task.Delay(50);
        }
    }
}
