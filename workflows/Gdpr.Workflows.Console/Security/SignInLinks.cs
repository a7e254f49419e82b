using System.Collections.Concurrent;
using System.Security.Cryptography;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.WebConsole.Security;

/// <summary>
/// One-time sign-in codes: a code is valid for <see cref="Lifetime"/>, works once, and carries only a reference to the
/// role and name it signs in (never an API token). Kept in memory: a restarted server forgets them, which is the point.
/// </summary>
public sealed class SignInLinks(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (ApiPrincipal Principal, string Name, DateTimeOffset Expires)> codes = new(StringComparer.Ordinal);

    /// <summary>A fresh code (256 random bits, URL-safe) for <paramref name="principal"/> as <paramref name="name"/>.</summary>
    public string Issue(ApiPrincipal principal, string name)
    {
        var now = time.GetUtcNow();
        foreach (var expired in codes.Where(c => c.Value.Expires <= now).Select(c => c.Key).ToList())
        {
            codes.TryRemove(expired, out _);
        }

        var code = Base64Url(RandomNumberGenerator.GetBytes(32));
        codes[code] = (principal, name, now + Lifetime);
        return code;
    }

    /// <summary>Takes the code (it never works again); null when unknown, used or expired.</summary>
    public (ApiPrincipal Principal, string Name)? Redeem(string? code)
    {
        if (string.IsNullOrEmpty(code) || code.Length > 100 || !codes.TryRemove(code, out var entry))
        {
            return null;
        }

        return entry.Expires > time.GetUtcNow() ? (entry.Principal, entry.Name) : null;
    }

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
