using System.Globalization;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Cli.Infrastructure;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>Parsing of the command line's dates, periods and identifiers, with messages that say what is expected.</summary>
public static partial class Arguments
{
    /// <summary>An ISO date (YYYY-MM-DD: noon UTC that day) or date-time (with an offset, or UTC when it has none).</summary>
    public static DateTimeOffset Instant(string text, string option)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var instant)
            && text.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            return instant;
        }

        throw CliException.BadInput($"{option} '{text}' is not an ISO date or date-time.", $"Write it as 2025-03-14 or 2025-03-14T09:30:00Z.");
    }

    /// <summary>A day, YYYY-MM-DD.</summary>
    public static DateOnly Day(string text, string option) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw CliException.BadInput($"{option} '{text}' is not a date.", "Write it as YYYY-MM-DD, e.g. 2025-03-14.");

    /// <summary>A number of days: "7d", "2w" or "7".</summary>
    public static int Days(string text, string option)
    {
        var match = PeriodPattern().Match(text.Trim());
        if (!match.Success)
        {
            throw CliException.BadInput($"{option} '{text}' is not a period.", "Write a number of days or weeks: 7d, 14, 2w.");
        }

        var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return string.Equals(match.Groups[2].Value, "w", StringComparison.OrdinalIgnoreCase) ? count * 7 : count;
    }

    /// <summary>
    /// The kind of a subject identifier given without one: an email has '@', a phone number starts with '+' or is
    /// digits (with spaces, dashes, brackets), anything else is a customer id.
    /// </summary>
    public static string IdentifierKind(string value)
    {
        var text = value.Trim();
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return "email";
        }

        return PhonePattern().IsMatch(text) ? "phone" : "customer_id";
    }

    [GeneratedRegex("^([0-9]{1,4})\\s*([dDwW]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex PeriodPattern();

    [GeneratedRegex("^\\+?[0-9][0-9 ()./-]{6,}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
