using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Registry;

/// <summary>How the workflow erases in a system.</summary>
public enum ErasureMode
{
    /// <summary>Our own function calls the system's connector and gets the answer at once.</summary>
    Sync,

    /// <summary>The system is sent a task with a token and answers later through the callback API.</summary>
    Async,
}

/// <summary>Whether a system's data is ours (we are the controller) or held by a processor on our behalf (Art. 28).</summary>
public enum SystemRole
{
    /// <summary>We decide why and how the data is processed; the system is ours or run for us as our own.</summary>
    Controller,

    /// <summary>
    /// A processor holds the data on our instructions (Art. 28(3)(e)/(g): it must help answer rights requests and delete
    /// on our instruction). The erasure is our instruction to it; the reply names it like any of our systems.
    /// </summary>
    Processor,
}

/// <summary>When a retention period starts counting.</summary>
public enum RetentionStart
{
    /// <summary>From the day the record was made (or, for an erasure, the day the erasure is answered).</summary>
    RecordDate,

    /// <summary>
    /// From the end of the financial year the record belongs to: HMRC/Companies House, "Running a limited company:
    /// company and accounting records": keep records "for 6 years from the end of the last company financial year they
    /// relate to" (e.g. an accounting period ending 31 March 2020 keeps its records until at least 1 April 2026).
    /// </summary>
    FinancialYearEnd,
}

/// <summary>
/// Data a system keeps after an erasure request under an Art. 17(3) ground, for a fixed period: e.g. invoices,
/// legal obligation, 6 years. The system minimises everything else and reports "retained".
/// </summary>
/// <param name="Data">What is kept, a short name such as "invoices".</param>
public sealed record RetentionRule(string Data, RetentionGround Ground, RetentionPeriod Period, string? Description = null)
{
    /// <summary>When the period starts: the record's date (default) or the end of its financial year.</summary>
    public RetentionStart CountedFrom { get; init; } = RetentionStart.RecordDate;

    /// <summary>The financial year's last day (month, day), for <see cref="RetentionStart.FinancialYearEnd"/>; 31 March by default.</summary>
    public (int Month, int Day) FinancialYearEnd { get; init; } = (3, 31);

    /// <summary>
    /// The last day a record made on <paramref name="recordDate"/> may be kept. Worked examples (period 6 years, year
    /// ending 31 March): made 2026-12-05 → its year ends 2027-03-31 → kept until 2033-03-31; made 2027-03-31 → 2033-03-31;
    /// made 2027-04-01 → its year ends 2028-03-31 → 2034-03-31. Counted from the record date: 2026-12-05 → 2032-12-05.
    /// </summary>
    public DateOnly KeepUntil(DateOnly recordDate) => Period.AddTo(CountedFrom == RetentionStart.FinancialYearEnd ? YearEndOnOrAfter(recordDate) : recordDate);

    /// <summary>The financial year's last day on or after <paramref name="day"/> (a 29 February year end is the month's last day in other years).</summary>
    public DateOnly YearEndOnOrAfter(DateOnly day)
    {
        var (month, dayOfMonth) = FinancialYearEnd;
        var end = new DateOnly(day.Year, month, Math.Min(dayOfMonth, DateTime.DaysInMonth(day.Year, month)));
        return end >= day ? end : new DateOnly(day.Year + 1, month, Math.Min(dayOfMonth, DateTime.DaysInMonth(day.Year + 1, month)));
    }
}

/// <summary>How an Art. 19 recipient is told about an erasure.</summary>
public enum RecipientMethod
{
    Api,
    Email,
    Post,

    /// <summary>Telling this recipient is impossible or disproportionate; <see cref="Recipient.ImpossibleReason"/> says why.</summary>
    None,
}

/// <summary>
/// Someone a system disclosed personal data to (Art. 19): an organisation, never a data subject.
/// <see cref="Address"/> is where the notice goes (an API endpoint, a mailbox); <see cref="ImpossibleReason"/> a short
/// code such as "recipient-unknown", required when <see cref="Method"/> is <see cref="RecipientMethod.None"/>.
/// </summary>
public sealed record Recipient(string Name, RecipientMethod Method, string? Address = null, string? ImpossibleReason = null);

/// <summary>
/// One system in the registry: where a subject's data lives and how it is erased there.
/// </summary>
/// <param name="Name">Unique, lower-case ("orders", "support-desk"); also the SSM parameter name and the connector's default name.</param>
/// <param name="Owner">The team accountable for the system.</param>
/// <param name="TimeoutSeconds">How long an async system has to answer (the task's TimeoutSeconds); for sync systems, the connector call's budget.</param>
/// <param name="HeartbeatSeconds">How often an async system must show it is alive (HeartbeatSeconds); at most the timeout.</param>
/// <param name="Connector">The connector that erases in the system (sync); defaults to the system name.</param>
public sealed record SystemDefinition(
    string Name,
    string Owner,
    ErasureMode Mode,
    int TimeoutSeconds,
    int HeartbeatSeconds,
    string Connector,
    IReadOnlyList<RetentionRule> Retention,
    IReadOnlyList<Recipient> Recipients,
    string? Description = null)
{
    /// <summary>Controller (default) or processor: the registry's <c>role</c>.</summary>
    public SystemRole Role { get; init; } = SystemRole.Controller;

    /// <summary>The wire name of the role: "controller" or "processor".</summary>
    public string RoleName => Role == SystemRole.Processor ? "processor" : "controller";

    /// <summary>The wire name of the mode: "sync" or "async".</summary>
    public string ModeName => Mode == ErasureMode.Sync ? "sync" : "async";

    /// <summary>The retention rule for <paramref name="data"/>, or null.</summary>
    public RetentionRule? FindRetention(string data) =>
        Retention.FirstOrDefault(r => string.Equals(r.Data, data, StringComparison.OrdinalIgnoreCase));
}
