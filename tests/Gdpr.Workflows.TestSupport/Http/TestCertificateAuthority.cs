using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gdpr.Workflows.TestSupport.Http;

/// <summary>
/// A throwaway certificate authority and a server certificate it signed for 127.0.0.1 (RSA 2048, as AWS's endpoints
/// present), made in-process. A child process trusts it as it would trust AWS's CA when given
/// <c>SSL_CERT_FILE=</c><see cref="CaFile"/> (the CA's PEM, written to a temporary file deleted on dispose).
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private TestCertificateAuthority(X509Certificate2 serverCertificate, string caFile)
    {
        ServerCertificate = serverCertificate;
        CaFile = caFile;
    }

    /// <summary>The server certificate for 127.0.0.1, with its private key, for <see cref="LoopbackHttpServer"/>.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The CA certificate as PEM: what <c>SSL_CERT_FILE</c> names.</summary>
    public string CaFile { get; }

    public static TestCertificateAuthority Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=gdpr-workflows test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var signed = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        // SslStream on Linux needs the key in a form it can hand to OpenSSL: a PKCS#12 round trip gives it one.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);

        var caFile = Path.Combine(Path.GetTempPath(), $"gdpr-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        return new TestCertificateAuthority(server, caFile);
    }

    public void Dispose()
    {
        ServerCertificate.Dispose();
        File.Delete(CaFile);
    }
}
