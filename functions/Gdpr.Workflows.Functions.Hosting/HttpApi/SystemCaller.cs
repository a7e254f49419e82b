namespace Gdpr.Workflows.Functions.Hosting.HttpApi;

/// <summary>
/// Which async system an API caller is. Deployed, a system calls with its team's IAM role named
/// <c>gdpr-system-&lt;system&gt;</c> (e.g. <c>gdpr-system-support-desk</c>, the registry's name after the prefix); IAM
/// authorises the call (AWS_IAM on the route) and this maps the authenticated principal to the system, so a system sees
/// only its own tasks. An IAM user of that name counts too (the local host's tokens stand for <c>user/gdpr-system-&lt;name&gt;</c>).
/// Any other principal is not a system.
/// </summary>
public static class SystemCaller
{
    /// <summary>The prefix of a system's IAM role (or user) name.</summary>
    public const string Prefix = "gdpr-system-";

    /// <summary>The system <paramref name="caller"/> (a <see cref="CallerIdentity"/> actor) stands for; null when it is none.</summary>
    public static string? SystemOf(string caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var segments = caller.Split('/');

        // assumed-role/<role>/<session>; user/<path...>/<name>; role/<path...>/<name>.
        var name = segments switch
        {
            ["assumed-role", var role, ..] => role,
            ["user" or "role", .., var last] when segments.Length >= 2 => last,
            _ => null,
        };
        return name is { Length: > 12 } && name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..] : null;
    }
}
