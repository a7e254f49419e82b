using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Local;

/// <summary>Who calls the local API: each role has its own bearer token, and each system its own.</summary>
public enum ApiRole
{
    /// <summary>Data protection officers: submit, status, verify, extend, cancel, history.</summary>
    Officer,

    /// <summary>An async system: lists and answers its own erasure tasks (GET /tasks, POST /tasks/callback).</summary>
    System,

    /// <summary>Auditors: read status and history and verify the audit chain; never change anything.</summary>
    Auditor,
}

/// <summary>Who a bearer token belongs to: a role, and for <see cref="ApiRole.System"/> the system it speaks for.</summary>
public sealed record ApiPrincipal(ApiRole Role, string? System = null)
{
    public override string ToString() => System is null ? Role.ToString().ToLowerInvariant() : $"system {System}";
}

/// <summary>
/// The local API's bearer tokens, created on first use in the data directory (mode 600): <c>api-token</c> (officers),
/// <c>api-token-auditor</c>, and one per registered system, <c>api-token-system-&lt;name&gt;</c>, so a system's token
/// reaches that system's tasks and no other's.
/// </summary>
public sealed partial class ApiTokens
{
    private const string SystemFilePrefix = "api-token-system-";

    private readonly List<(ApiPrincipal Principal, byte[] Token)> tokens;

    private ApiTokens(string officer, string auditor, IReadOnlyDictionary<string, string> systems)
    {
        Officer = officer;
        Auditor = auditor;
        Systems = systems;
        tokens =
        [
            (new ApiPrincipal(ApiRole.Officer), Encoding.ASCII.GetBytes(officer)),
            (new ApiPrincipal(ApiRole.Auditor), Encoding.ASCII.GetBytes(auditor)),
            .. systems.Select(p => (new ApiPrincipal(ApiRole.System, p.Key), Encoding.ASCII.GetBytes(p.Value))),
        ];
    }

    /// <summary>The officers' token.</summary>
    public string Officer { get; }

    /// <summary>The auditors' token.</summary>
    public string Auditor { get; }

    /// <summary>Each registered system's token, by system name.</summary>
    public IReadOnlyDictionary<string, string> Systems { get; }

    /// <summary>The file of a role's token; system tokens are per system (<see cref="SystemFileName"/>).</summary>
    public static string FileName(ApiRole role) => role switch
    {
        ApiRole.Officer => "api-token",
        ApiRole.Auditor => "api-token-auditor",
        ApiRole.System => throw new ArgumentException("System tokens are per system: use SystemFileName(name).", nameof(role)),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    /// <summary>The file of <paramref name="system"/>'s token: <c>api-token-system-&lt;name&gt;</c>.</summary>
    public static string SystemFileName(string system) =>
        SystemNamePattern().IsMatch(system ?? string.Empty)
            ? SystemFilePrefix + system
            : throw new ArgumentException($"'{system}' is not a system name (lower-case letters, digits and hyphens).", nameof(system));

    /// <summary>Reads the tokens, creating the missing ones: officers', auditors' and one per system in <paramref name="systems"/>.</summary>
    public static ApiTokens LoadOrCreate(GdprHome home, IEnumerable<string> systems)
    {
        var directory = home.EnsureCreated().Directory;
        string Read(string file) => SecretFile.ReadOrCreateToken(Path.Combine(directory, file));
        return new ApiTokens(
            Read(FileName(ApiRole.Officer)),
            Read(FileName(ApiRole.Auditor)),
            systems.Distinct(StringComparer.Ordinal).ToDictionary(s => s, s => Read(SystemFileName(s)), StringComparer.Ordinal));
    }

    /// <summary>The token of a role (officer, auditor) or, with <paramref name="system"/>, of that system.</summary>
    public string TokenOf(ApiRole role, string? system = null) => role switch
    {
        ApiRole.Officer => Officer,
        ApiRole.Auditor => Auditor,
        _ => system is not null && Systems.TryGetValue(system, out var token)
            ? token
            : throw new ArgumentException($"There is no token for system '{system}': it is not in the registry.", nameof(system)),
    };

    /// <summary>Whose token <paramref name="presented"/> is (every token compared in constant time); null for none.</summary>
    public ApiPrincipal? Authenticate(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || !presented.All(char.IsAscii))
        {
            return null;
        }

        var bytes = Encoding.ASCII.GetBytes(presented);
        ApiPrincipal? found = null;
        foreach (var (principal, token) in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(bytes, token))
            {
                found = principal;
            }
        }

        return found;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SystemNamePattern();
}
