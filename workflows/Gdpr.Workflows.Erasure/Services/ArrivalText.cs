using System.Globalization;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>The arrival of a request or of information as callers write it: an ISO date or an ISO date-time.</summary>
public static class ArrivalText
{
    /// <summary>
    /// YYYY-MM-DD (noon UTC that day, which is that day in London whatever the season) or a date-time with an offset
    /// (UTC when it has none).
    /// </summary>
    /// <exception cref="InvalidInputException">Neither, naming <paramref name="field"/>.</exception>
    public static DateTimeOffset Instant(string text, string field)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        }

        return text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new InvalidInputException($"'{field}' must be an ISO date (2025-03-14) or date-time (2025-03-14T09:30:00Z).");
    }

    /// <summary>YYYY-MM-DD.</summary>
    /// <exception cref="InvalidInputException">Not a date, naming <paramref name="field"/>.</exception>
    public static DateOnly Day(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidInputException($"'{field}' must be a date, YYYY-MM-DD.");
}
