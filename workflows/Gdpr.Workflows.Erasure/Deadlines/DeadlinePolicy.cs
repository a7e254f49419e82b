namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// The fixed legal periods and the organisation's time zone, which decides on which calendar day
/// an instant (a receipt, a verification, "now") falls.
/// </summary>
public sealed class DeadlinePolicy
{
    /// <summary>The response period before any extension.</summary>
    public const int FirstPeriodMonths = 1;

    /// <summary>The most the period may be extended by, in total.</summary>
    public const int MaxExtensionMonths = 2;

    public const string DefaultTimeZoneId = "Europe/London";

    public DeadlinePolicy(TimeZoneInfo zone)
    {
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The policy for an IANA zone id, e.g. "Europe/London".</summary>
    /// <exception cref="InvalidOperationException">The zone is not installed (on Linux: the tzdata package).</exception>
    public static DeadlinePolicy ForTimeZone(string timeZoneId)
    {
        try
        {
            return new DeadlinePolicy(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException(
                $"Time zone '{timeZoneId}' is not available, so deadline days cannot be determined. "
                + "Install the time zone database (on Linux the 'tzdata' package, /usr/share/zoneinfo) or set TZDIR.",
                e);
        }
    }

    /// <summary>The UK policy: Europe/London.</summary>
    public static DeadlinePolicy EuropeLondon() => ForTimeZone(DefaultTimeZoneId);

    /// <summary>The organisation's calendar day at <paramref name="instant"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Today in the organisation's zone.</summary>
    public DateOnly Today(TimeProvider time) => LocalDate(time.GetUtcNow());

    /// <summary>
    /// The clock start for a request received at <paramref name="receivedAt"/>; see
    /// <see cref="ClockStart.Determine"/>. Null while a requested identity verification is outstanding.
    /// </summary>
    public ClockStart? ClockStartFor(DateTimeOffset receivedAt, bool identityVerificationRequested = false, DateTimeOffset? identityVerifiedAt = null) =>
        ClockStart.Determine(
            LocalDate(receivedAt),
            identityVerificationRequested,
            identityVerifiedAt is { } verifiedAt ? LocalDate(verifiedAt) : null);
}
