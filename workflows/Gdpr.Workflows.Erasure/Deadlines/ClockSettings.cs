namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>Which requests an officer may stop the clock for while clarification is awaited.</summary>
public enum ClarificationPause
{
    /// <summary>
    /// UK GDPR Art. 12A (inserted by the Data (Use and Access) Act 2025 s.76, in force 5 February 2026): the period
    /// between asking for and receiving clarification does not count only for a request under Article 15 (access),
    /// where the controller processes a large amount of information about the subject. An erasure request's clock
    /// cannot be stopped: pausing is refused, with that reason. The default.
    /// </summary>
    AccessOnly,

    /// <summary>
    /// The controller's documented choice to stop the clock for clarification on every kind of request (the practice
    /// the ICO's guidance allowed before Art. 12A). Not the law's default; see docs/law.md.
    /// </summary>
    AnyRequest,
}

/// <summary>
/// The controller's settings for the clock (docs/law.md lists each with its source): the bank-holiday jurisdiction,
/// which channels are trusted to have identified the requester already, how long a requester has to send the identity
/// information asked for (with a reminder first), and whether clarification may stop an erasure request's clock.
/// </summary>
public sealed record ClockSettings
{
    /// <summary>uk-ew (default), uk-sct or uk-ni.</summary>
    public string Jurisdiction { get; init; } = Jurisdictions.Default;

    /// <summary>
    /// Channels whose requests come from an already identified requester (e.g. "portal", a logged-in account): no
    /// reasonable doubt, so no identity check (Art. 12(6) allows asking only where there is reasonable doubt).
    /// </summary>
    public IReadOnlyList<string> TrustedChannels { get; init; } = [];

    /// <summary>Days after identity information was asked for before the requester is reminded.</summary>
    public int IdentityReminderDays { get; init; } = 14;

    /// <summary>
    /// Days after identity information was asked for before the request closes as "identity not provided" (never
    /// "rejected"). The ICO's guidance leaves the period to the controller; one month is the common choice.
    /// </summary>
    public int IdentityCloseDays { get; init; } = 30;

    /// <summary>Days an officer may leave an identity check undecided before it is escalated.</summary>
    public int OfficerEscalationDays { get; init; } = 5;

    public ClarificationPause ClarificationPause { get; init; } = ClarificationPause.AccessOnly;

    /// <summary>True when requests through <paramref name="channel"/> need no identity check.</summary>
    public bool IsTrusted(string channel) => TrustedChannels.Contains(channel, StringComparer.OrdinalIgnoreCase);
}
