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

    /// <summary>Nobody verified the identity before the deadline horizon.</summary>
    Expired,
}

/// <summary>
/// The identity check of one request. <see cref="Method"/> (how it was verified, e.g. "id-document") and
/// <see cref="Reason"/> (why it was rejected, e.g. "documents-mismatch") are short codes, never personal data;
/// <see cref="DecidedBy"/> is the officer's id.
/// </summary>
public sealed record IdentityVerification(
    VerificationState State,
    string? Method = null,
    string? Reason = null,
    DateTimeOffset? DecidedAt = null,
    string? DecidedBy = null)
{
    public static IdentityVerification NotRequired { get; } = new(VerificationState.NotRequired);

    public static IdentityVerification Awaiting { get; } = new(VerificationState.Awaiting);

    public static IdentityVerification Verified(string method, DateTimeOffset at, string officer) =>
        new(VerificationState.Verified, Method: method, DecidedAt: at, DecidedBy: officer);

    public static IdentityVerification Rejected(string reason, DateTimeOffset at, string officer) =>
        new(VerificationState.Rejected, Reason: reason, DecidedAt: at, DecidedBy: officer);

    public static IdentityVerification Expired(DateTimeOffset at) =>
        new(VerificationState.Expired, DecidedAt: at);

    /// <summary>True when the deadline clock cannot start yet.</summary>
    public bool BlocksClock => State == VerificationState.Awaiting;
}
