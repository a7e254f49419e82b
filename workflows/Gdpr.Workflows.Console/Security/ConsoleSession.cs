using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.WebConsole.Security;

/// <summary>
/// A signed-in browser: who (a role, and for a system its name), the display name recorded with officers' actions,
/// and the session's anti-forgery token that every form posts back.
/// </summary>
public sealed record ConsoleSession(string Id, ApiPrincipal Principal, string Name, string CsrfToken)
{
    public bool IsOfficer => Principal.Role == ApiRole.Officer;

    public bool IsAuditor => Principal.Role == ApiRole.Auditor;

    public bool IsSystem => Principal.Role == ApiRole.System;

    /// <summary>"officer", "auditor" or "system:&lt;name&gt;", as <c>gdpr console --role</c> takes it.</summary>
    public string RoleName => ConsoleRoles.Name(Principal);
}

/// <summary>The roles as <c>gdpr console --role</c> spells them.</summary>
public static class ConsoleRoles
{
    public static string Name(ApiPrincipal principal) => principal.Role switch
    {
        ApiRole.Officer => "officer",
        ApiRole.Auditor => "auditor",
        _ => "system:" + principal.System,
    };

    /// <summary>Reads officer, auditor or system:&lt;name&gt;; null for anything else.</summary>
    public static ApiPrincipal? Parse(string? role, IEnumerable<string> systems)
    {
        var text = role?.Trim() ?? string.Empty;
        if (text == "officer")
        {
            return new ApiPrincipal(ApiRole.Officer);
        }

        if (text == "auditor")
        {
            return new ApiPrincipal(ApiRole.Auditor);
        }

        return text.StartsWith("system:", StringComparison.Ordinal) && systems.Contains(text["system:".Length..], StringComparer.Ordinal)
            ? new ApiPrincipal(ApiRole.System, text["system:".Length..])
            : null;
    }
}
