namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// The clock stopped while clarification was awaited: from the day it was asked for (<see cref="From"/>) until the day
/// it arrived (<see cref="Until"/>); null while still awaited. <see cref="Reason"/> says what was asked (a short code or
/// sentence, never personal data).
/// </summary>
/// <remarks>
/// Counted as UK GDPR Art. 12A counts it: "the period beginning with the day on which the controller makes the request
/// and ending with the day on which the controller receives the information" does not count, so both days are
/// excluded: asked on the 5th, answered on the 10th is 6 days (5, 6, 7, 8, 9 and 10); asked and answered the same day is 1.
/// </remarks>
public sealed record ClockPause(DateOnly From, DateOnly? Until = null, string? Reason = null)
{
    /// <summary>True while the clarification is still awaited.</summary>
    public bool IsOpen => Until is null;

    /// <summary>Calendar days that do not count, both ends included; 0 for an open pause (not known yet).</summary>
    public int Days => Until is { } until ? until.DayNumber - From.DayNumber + 1 : 0;
}
