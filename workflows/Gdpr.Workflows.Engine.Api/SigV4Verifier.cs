using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>
/// Checks AWS Signature Version 4 on a request against known secret keys: the canonical request rebuilt from the
/// headers the client says it signed, the signing key derived from the scope it names (any region), the signature
/// compared in constant time, and the date within 15 minutes of now. Errors are AWS's.
/// </summary>
public sealed class SigV4Verifier(IReadOnlyDictionary<string, string> secretsByAccessKey, TimeProvider? time = null)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    public void Verify(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            throw new ApiErrorException("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            throw new ApiErrorException("IncompleteSignatureException", $"Authorization header requires the {Algorithm} algorithm.");
        }

        var fields = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders) || !fields.TryGetValue("Signature", out var signature))
        {
            throw new ApiErrorException("IncompleteSignatureException", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            throw new ApiErrorException("IncompleteSignatureException", "The credential scope must be <key>/<date>/<region>/<service>/aws4_request.");
        }

        if (!secretsByAccessKey.TryGetValue(scope[0], out var secret))
        {
            throw new ApiErrorException("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) || !amzDate.StartsWith(scope[1], StringComparison.Ordinal))
        {
            throw new ApiErrorException("IncompleteSignatureException", "X-Amz-Date must be the signing time (yyyyMMddTHHmmssZ) on the credential's date.");
        }

        if ((clock.GetUtcNow() - signedAt).Duration() > MaxSkew)
        {
            throw new ApiErrorException("InvalidSignatureException", $"Signature expired: {amzDate} is more than 15 minutes from the server's time.");
        }

        var canonical = CanonicalRequest(request, signedHeaders, body);
        var stringToSign = $"{Algorithm}\n{amzDate}\n{string.Join('/', scope[1..])}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), scope[1]), scope[2]), scope[3]), "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            throw new ApiErrorException("InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    private static string CanonicalRequest(HttpRequest request, string signedHeaders, ReadOnlySpan<byte> body)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');
        var path = (request.PathBase + request.Path).Value is { Length: > 0 } p ? p : "/";
        builder.Append(string.Join('/', path.Split('/').Select(Encode))).Append('\n');
        var query = request.Query.SelectMany(q => q.Value.Select(v => (Key: Encode(q.Key), Value: Encode(v ?? string.Empty))))
            .OrderBy(q => q.Key, StringComparer.Ordinal).ThenBy(q => q.Value, StringComparer.Ordinal);
        builder.Append(string.Join('&', query.Select(q => q.Key + "=" + q.Value))).Append('\n');
        foreach (var name in signedHeaders.Split(';'))
        {
            var values = request.Headers[name].Select(v => string.Join(' ', (v ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            builder.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n');
        var actual = Hex(SHA256.HashData(body));
        var declared = request.Headers["X-Amz-Content-Sha256"].ToString();
        if (declared.Length > 0 && declared != actual && declared != "UNSIGNED-PAYLOAD")
        {
            throw new ApiErrorException("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        builder.Append(declared.Length > 0 ? declared : actual);
        return builder.ToString();
    }

    private static string Encode(string value) => Uri.EscapeDataString(value);

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
