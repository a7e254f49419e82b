using System.Security.Cryptography;
using System.Text;

namespace Gdpr.Workflows.Aws.Tests.TestSupport;

/// <summary>
/// Signature Version 4 computed step by step as AWS documents it, from a canonical request the test writes out literally;
/// an independent check of what the client sends. Anchored by AWS's published get-vanilla vector.
/// </summary>
public static class SigV4Reference
{
    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    public static string Sha256Hex(string text) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Signature(string canonicalRequest, string amzDate, string region, string service, string secretKey)
    {
        var date = amzDate[..8];
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Sha256Hex(canonicalRequest)}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
