using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gdpr.Workflows.Connector;

/// <summary>
/// The push webhook's signature: <c>X-Gdpr-Timestamp: &lt;unix seconds&gt;</c> and
/// <c>X-Gdpr-Signature: v1=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>. A receiver accepts a delivery only
/// when the signature matches (compared in constant time) and the timestamp is within the replay window.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Gdpr-Timestamp";
    public const string SignatureHeader = "X-Gdpr-Signature";

    /// <summary>The default replay window: deliveries older or further ahead than this are refused.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    public static string Sign(byte[] secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, data));
    }

    /// <summary>True when <paramref name="signature"/> signs <paramref name="body"/> at <paramref name="timestamp"/> and that is within <paramref name="window"/> of <paramref name="now"/>.</summary>
    public static bool Verify(byte[] secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window)
    {
        if (timestamp is null || signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > window || age < -window)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
