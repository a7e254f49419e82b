using System.Security.Cryptography;
using System.Text;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// Idempotency keys of audit events and applied ledger events: the scope, then 40 hex digits of SHA-256 over the
/// parts (execution ARNs are long; keys stay short and printable).
/// </summary>
internal static class IdempotencyKeys
{
    public static string For(string scope, params string?[] parts)
    {
        var text = string.Join('\n', parts.Select(p => p ?? "-"));
        return scope + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 20));
    }
}
