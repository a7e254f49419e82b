using Gdpr.Workflows.Erasure.Deadlines;

namespace Gdpr.Workflows.Erasure.Requests;

/// <summary>
/// The facts the deadline is computed from (see <see cref="DeadlineCalculator"/>) and the result, stored so
/// stores can index and order by it without the calculator.
/// </summary>
/// <param name="ReceivedOn">The organisation's calendar day the request arrived.</param>
/// <param name="ClockStart">When the one-month clock started; null while identity verification is awaited.</param>
/// <param name="Pauses">Clock pauses awaiting clarification; only the last may be open.</param>
/// <param name="Extensions">Extensions decided within the first month (Art. 12(3)).</param>
/// <param name="ExtensionNotices">For each extension, by when the subject must be told, and when they were.</param>
/// <param name="DueDate">
/// The last day to respond. While identity verification is awaited: the provisional date one month from
/// receipt, by which verification must happen. Null while the clock is stopped awaiting clarification.
/// </param>
public sealed record DeadlineState(
    DateOnly ReceivedOn,
    ClockStart? ClockStart,
    IReadOnlyList<ClockPause> Pauses,
    IReadOnlyList<DeadlineExtension> Extensions,
    IReadOnlyList<ExtensionNotice> ExtensionNotices,
    DateOnly? DueDate)
{
    /// <summary>True while the due date only bounds identity verification (the clock has not started).</summary>
    public bool IsProvisional => ClockStart is null;

    /// <summary>True while the clock is stopped awaiting clarification.</summary>
    public bool IsClockStopped => Pauses.Count > 0 && Pauses[^1].IsOpen;
}

/// <summary>
/// An extension must be told to the subject, with its reasons, within the first month: <see cref="TellSubjectBy"/>
/// is that day (the original deadline); <see cref="ToldAt"/> is when an officer recorded it was done.
/// </summary>
public sealed record ExtensionNotice(DateOnly DecidedOn, DateOnly TellSubjectBy, DateTimeOffset? ToldAt = null, string? ToldBy = null);
