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

/// <summary>
/// Data a system keeps after an erasure request under an Art. 17(3) ground, for a fixed period: e.g. invoices,
/// legal obligation, 6 years. The system minimises everything else and reports "retained".
/// </summary>
/// <param name="Data">What is kept, a short name such as "invoices".</param>
public sealed record RetentionRule(string Data, RetentionGround Ground, RetentionPeriod Period, string? Description = null);

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
    /// <summary>The wire name of the mode: "sync" or "async".</summary>
    public string ModeName => Mode == ErasureMode.Sync ? "sync" : "async";

    /// <summary>The retention rule for <paramref name="data"/>, or null.</summary>
    public RetentionRule? FindRetention(string data) =>
        Retention.FirstOrDefault(r => string.Equals(r.Data, data, StringComparison.OrdinalIgnoreCase));
}
