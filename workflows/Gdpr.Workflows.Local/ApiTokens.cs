using System.Security.Cryptography;
using System.Text;

namespace Gdpr.Workflows.Local;

/// <summary>Who calls the local API: each role has its own bearer token.</summary>
public enum ApiRole
{
    /// <summary>Data protection officers: submit, status, verify, extend, cancel, history.</summary>
    Officer,

    /// <summary>Async systems: answer their erasure tasks (POST /tasks/callback).</summary>
    System,

    /// <summary>Auditors: read history and verify the audit chain.</summary>
    Auditor,
}

/// <summary>
/// The local API's bearer tokens, one per role, created on first use in the data directory (mode 600):
/// <c>api-token</c> (officer), <c>api-token-system</c>, <c>api-token-auditor</c>.
/// </summary>
public sealed class ApiTokens
{
    private readonly Dictionary<ApiRole, byte[]> tokens;

    private ApiTokens(Dictionary<ApiRole, string> text)
    {
        Text = text;
        tokens = text.ToDictionary(p => p.Key, p => Encoding.ASCII.GetBytes(p.Value));
    }

    /// <summary>The token of each role.</summary>
    public IReadOnlyDictionary<ApiRole, string> Text { get; }

    public static string FileName(ApiRole role) => role switch
    {
        ApiRole.Officer => "api-token",
        ApiRole.System => "api-token-system",
        ApiRole.Auditor => "api-token-auditor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    public static ApiTokens LoadOrCreate(GdprHome home) => new(Enum.GetValues<ApiRole>().ToDictionary(
        role => role,
        role => SecretFile.ReadOrCreateToken(Path.Combine(home.EnsureCreated().Directory, FileName(role)))));

    /// <summary>The role whose token <paramref name="presented"/> is (compared in constant time); null for none.</summary>
    public ApiRole? RoleOf(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        var bytes = Encoding.ASCII.GetBytes(presented);
        ApiRole? found = null;
        foreach (var (role, token) in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(bytes, token))
            {
                found = role;
            }
        }

        return found;
    }
}
