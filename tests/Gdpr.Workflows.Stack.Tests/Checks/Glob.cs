using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Stack.Tests.Checks;

/// <summary>IAM's action wildcards: '*' any run of characters, '?' one; case-insensitive.</summary>
internal static class Glob
{
    public static bool Matches(string pattern, string value)
    {
        var regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(value, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
