using System.Globalization;

namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>Culture-independent date wording for messages and explanations.</summary>
internal static class DateText
{
    /// <summary>ISO form, for machine-friendly messages: 2024-02-29.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Officer-friendly form: Thursday 29 February 2024.</summary>
    public static string Long(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}
