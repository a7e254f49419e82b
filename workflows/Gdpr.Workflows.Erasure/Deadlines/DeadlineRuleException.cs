namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>Which deadline rule a refused pause or extension broke.</summary>
public enum DeadlineRuleViolation
{
    PauseBeforeClockStart,
    PauseEndsBeforeItBegins,
    PausesOverlap,
    PauseAfterDeadline,
    ClockAlreadyStopped,
    ClockNotStopped,
    ExtensionNotPositive,
    ExtensionWithoutReason,
    ExtensionBeforeClockStart,
    ExtensionBeyondLimit,
    ExtensionAfterFirstMonth,
}

/// <summary>
/// A pause or extension the law does not allow. The message says what was wrong and what to do,
/// so it can be shown to the officer as it is.
/// </summary>
public sealed class DeadlineRuleException(DeadlineRuleViolation violation, string message) : Exception(message)
{
    public DeadlineRuleViolation Violation { get; } = violation;
}
