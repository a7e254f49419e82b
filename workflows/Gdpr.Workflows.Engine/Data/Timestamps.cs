using System.Globalization;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Engine.Data;

/// <summary>RFC 3339 timestamps as ASL accepts them in Wait states: a 'T', seconds, and a Z or numeric offset.</summary>
public static partial class Timestamps
{
    public static bool TryParseRfc3339(string text, out DateTimeOffset value)
    {
        value = default;
        return Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
