namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// The clock stopped while clarification was awaited: from the day it was asked for (<see cref="From"/>)
/// until the day it arrived (<see cref="Until"/>); null while still awaited. The pause adds
/// <c>Until - From</c> calendar days to the deadline (asked on the 5th, answered on the 10th: 5 days).
/// </summary>
public sealed record ClockPause(DateOnly From, DateOnly? Until = null)
{
    /// <summary>True while the clarification is still awaited.</summary>
    public bool IsOpen => Until is null;

    /// <summary>Calendar days added to the deadline; 0 for an open pause (not known yet).</summary>
    public int Days => Until is { } until ? until.DayNumber - From.DayNumber : 0;
}
