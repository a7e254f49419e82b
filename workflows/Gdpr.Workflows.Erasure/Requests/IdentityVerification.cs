namespace Gdpr.Workflows.Erasure.Requests;

/// <summary>Where the check of the requester's identity stands.</summary>
public enum VerificationState
{
    /// <summary>The request came through an authenticated channel: nothing to verify.</summary>
    NotRequired,

    /// <summary>An officer must verify the requester's identity; the deadline clock has not started.</summary>
    Awaiting,

    /// <summary>Verified; the clock started on the day of verification.</summary>
    Verified,

    /// <summary>An officer rejected the requester's identity.</summary>
    Rejected,

    /// <summary>Nobody verified the identity before the deadline horizon (executions started before the identity wait was split).</summary>
    Expired,

    /// <summary>
    /// The requester did not send the identity information asked for, within the configured period and after a
    /// reminder: the request closed as "identity not provided", which is not a rejection.
    /// </summary>
    NotProvided,
}

/// <summary>
/// The identity check of one request. <see cref="Method"/> (how it was verified, e.g. "id-document") and
/// <see cref="Reason"/> (why it was rejected, e.g. "documents-mismatch") are short codes, never personal data;
/// <see cref="DecidedBy"/> is the officer's id.
/// </summary>
/// <param name="InformationReceivedOn">
/// The day the identity information asked for arrived (the clock starts then once verified); null while the requester
/// has not sent it: the wait is on the requester. Once set, the wait is on the officers.
/// </param>
/// <param name="RemindedOn">The day the requester was reminded to send the information.</param>
/// <param name="EscalatedOn">The last day an undecided check was escalated to the officers.</param>
public sealed record IdentityVerification(
    VerificationState State,
    string? Method = null,
    string? Reason = null,
    DateTimeOffset? DecidedAt = null,
    string? DecidedBy = null,
    DateOnly? InformationReceivedOn = null,
    DateOnly? RemindedOn = null,
    DateOnly? EscalatedOn = null)
{
    public static IdentityVerification NotRequired { get; } = new(VerificationState.NotRequired);

    public static IdentityVerification Awaiting { get; } = new(VerificationState.Awaiting);

    public static IdentityVerification Verified(string method, DateTimeOffset at, string officer) =>
        new(VerificationState.Verified, Method: method, DecidedAt: at, DecidedBy: officer);

    public static IdentityVerification Rejected(string reason, DateTimeOffset at, string officer) =>
        new(VerificationState.Rejected, Reason: reason, DecidedAt: at, DecidedBy: officer);

    public static IdentityVerification Expired(DateTimeOffset at) =>
        new(VerificationState.Expired, DecidedAt: at);

    /// <summary>True while the wait is on the requester (information asked for, not sent).</summary>
    public bool AwaitsRequester => State == VerificationState.Awaiting && InformationReceivedOn is null;

    /// <summary>True when the deadline clock cannot start yet.</summary>
    public bool BlocksClock => State == VerificationState.Awaiting;
}
