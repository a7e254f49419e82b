using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Stores;

/// <summary>
/// Continuation tokens: base64url of a JSON array whose first element fingerprints the query (so a token
/// is refused by any other query) and whose rest is where the page ended. The query itself - a subject
/// hash, say - is recognised, never spelled out.
/// </summary>
internal static class PageTokens
{
    public static string Write(string query, params string[] position)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes([Fingerprint(query), .. position], StoreJsonContext.Default.StringArray);
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The position written with the token, which must have exactly <paramref name="parts"/> parts and belong to <paramref name="query"/>.</summary>
    public static string[] Read(string token, string query, int parts)
    {
        string[]? values;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            values = JsonSerializer.Deserialize(Convert.FromBase64String(base64), StoreJsonContext.Default.StringArray);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw new InvalidContinuationTokenException("The continuation token is malformed; start again without one.", e);
        }

        if (values is null || values.Length != parts + 1 || values.Any(v => v is null) || values[0] != Fingerprint(query))
        {
            throw new InvalidContinuationTokenException();
        }

        return values[1..];
    }

    private static string Fingerprint(string query) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)).AsSpan(0, 8));
}
