using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>
/// What an audit event records, by name (PascalCase ASCII). The name is part of every event's hash,
/// so a published name is never renamed; new types are simply new names.
/// </summary>
public readonly partial record struct AuditEventType
{
    public AuditEventType(string name)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new ArgumentException("An audit event type is PascalCase ASCII: a capital letter then up to 63 letters or digits.", nameof(name));
        }

        Name = name;
    }

    public string Name { get; }

    public static AuditEventType RequestReceived { get; } = new(nameof(RequestReceived));

    public static AuditEventType IdentityVerified { get; } = new(nameof(IdentityVerified));

    public static AuditEventType RequestRejected { get; } = new(nameof(RequestRejected));

    public static AuditEventType SubjectsSealed { get; } = new(nameof(SubjectsSealed));

    public static AuditEventType ExemptionApplied { get; } = new(nameof(ExemptionApplied));

    public static AuditEventType DeadlineExtended { get; } = new(nameof(DeadlineExtended));

    public static AuditEventType SystemErasureRequested { get; } = new(nameof(SystemErasureRequested));

    public static AuditEventType SystemErased { get; } = new(nameof(SystemErased));

    public static AuditEventType SystemErasureFailed { get; } = new(nameof(SystemErasureFailed));

    public static AuditEventType SubjectsShredded { get; } = new(nameof(SubjectsShredded));

    public static AuditEventType RequestCompleted { get; } = new(nameof(RequestCompleted));

    public static AuditEventType RequestStarted { get; } = new(nameof(RequestStarted));

    public static AuditEventType VerificationRequested { get; } = new(nameof(VerificationRequested));

    public static AuditEventType IdentityRejected { get; } = new(nameof(IdentityRejected));

    public static AuditEventType VerificationExpired { get; } = new(nameof(VerificationExpired));

    public static AuditEventType SystemDispatched { get; } = new(nameof(SystemDispatched));

    public static AuditEventType SystemDidNotRespond { get; } = new(nameof(SystemDidNotRespond));

    public static AuditEventType RecipientsNotified { get; } = new(nameof(RecipientsNotified));

    public static AuditEventType WorkflowFailed { get; } = new(nameof(WorkflowFailed));

    public static AuditEventType ExecutionEnded { get; } = new(nameof(ExecutionEnded));

    public static AuditEventType RequestCancelled { get; } = new(nameof(RequestCancelled));

    public static AuditEventType DeadlinePaused { get; } = new(nameof(DeadlinePaused));

    public static AuditEventType DeadlineResumed { get; } = new(nameof(DeadlineResumed));

    public static AuditEventType ExtensionToldToSubject { get; } = new(nameof(ExtensionToldToSubject));

    /// <summary>An officer reopened a request that ended with systems still holding the subject; they run again.</summary>
    public static AuditEventType RequestReopened { get; } = new(nameof(RequestReopened));

    /// <summary>The request ended with erasure work left (failed systems): the identifiers stay sealed for a retry.</summary>
    public static AuditEventType SubjectsKeptForRetry { get; } = new(nameof(SubjectsKeptForRetry));

    public override string ToString() => Name ?? string.Empty;

    [GeneratedRegex("^[A-Z][A-Za-z0-9]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
