using System.Globalization;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Erasure.Registry;

/// <summary>
/// A retention period in calendar units, e.g. 6 years. Written "6y", "18m", "90d", "1y6m", or ISO 8601 "P6Y".
/// </summary>
public sealed partial record RetentionPeriod
{
    public RetentionPeriod(int years, int months = 0, int days = 0)
    {
        if (years < 0 || months < 0 || days < 0 || years + months + days == 0)
        {
            throw new ArgumentException("A retention period is positive: some years, months or days, none negative.");
        }

        if (years > 100)
        {
            throw new ArgumentException("A retention period is at most 100 years.", nameof(years));
        }

        Years = years;
        Months = months;
        Days = days;
    }

    public int Years { get; }

    public int Months { get; }

    public int Days { get; }

    /// <summary>The last day of the period that starts on <paramref name="start"/>.</summary>
    public DateOnly AddTo(DateOnly start) => start.AddYears(Years).AddMonths(Months).AddDays(Days);

    /// <summary>Reads "6y", "1y6m", "90d" or "P6Y" (ISO 8601 date part); false for anything else.</summary>
    public static bool TryParse(string? text, out RetentionPeriod? period)
    {
        period = null;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success || (match.Groups["y"].Length + match.Groups["m"].Length + match.Groups["d"].Length) == 0)
        {
            return false;
        }

        var years = Number(match.Groups["y"]);
        var months = Number(match.Groups["m"]);
        var days = Number(match.Groups["d"]);
        if (years > 100 || years + months + days == 0)
        {
            return false;
        }

        period = new RetentionPeriod(years, months, days);
        return true;
    }

    /// <summary>"6 years", "1 year 6 months".</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        Add(parts, Years, "year");
        Add(parts, Months, "month");
        Add(parts, Days, "day");
        return string.Join(' ', parts);
    }

    private static void Add(List<string> parts, int value, string unit)
    {
        if (value > 0)
        {
            parts.Add(value.ToString(CultureInfo.InvariantCulture) + " " + unit + (value == 1 ? string.Empty : "s"));
        }
    }

    private static int Number(Group group) =>
        group.Success && int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    [GeneratedRegex(@"^(?:P)?(?:(?<y>\d{1,3})[Yy])?(?:(?<m>\d{1,4})[Mm])?(?:(?<d>\d{1,5})[Dd])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
