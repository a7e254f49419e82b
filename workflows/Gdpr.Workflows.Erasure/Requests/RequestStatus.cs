namespace Gdpr.Workflows.Erasure.Requests;

/// <summary>Where an erasure request stands as a whole.</summary>
public enum RequestStatus
{
    /// <summary>Stored by intake; the workflow has not recorded its start yet.</summary>
    Received,

    /// <summary>The workflow waits for an officer to verify the requester's identity.</summary>
    AwaitingVerification,

    /// <summary>Systems are being erased.</summary>
    InProgress,

    /// <summary>Final: every system erased the subject or did not hold them.</summary>
    Completed,

    /// <summary>Final: done, but some systems kept data under an Art. 17(3) ground, failed or did not answer.</summary>
    CompletedWithExceptions,

    /// <summary>Final: no system could be erased, or the workflow itself failed.</summary>
    Failed,

    /// <summary>Final: the requester withdrew the request (the execution was stopped).</summary>
    Cancelled,

    /// <summary>Final: the requester's identity was rejected, or not verified before the deadline.</summary>
    Rejected,

    /// <summary>
    /// Final: "closed: identity not provided". The requester did not send the identity information asked for within
    /// the configured period, after a reminder; not a refusal (they may ask again).
    /// </summary>
    IdentityNotProvided,

    /// <summary>Final: refused as manifestly unfounded or excessive (Art. 12(5)); <see cref="ErasureRequest.Refusal"/> says why.</summary>
    Refused,
}

/// <summary>Rules about <see cref="RequestStatus"/> that every store and service shares.</summary>
public static class RequestStatuses
{
    /// <summary>True for the statuses a request never leaves (a late event is recorded, not applied).</summary>
    public static bool IsFinal(this RequestStatus status) => status is RequestStatus.Completed
        or RequestStatus.CompletedWithExceptions or RequestStatus.Failed or RequestStatus.Cancelled or RequestStatus.Rejected
        or RequestStatus.IdentityNotProvided
        or RequestStatus.Refused;

    /// <summary>The wire/storage name, e.g. "CompletedWithExceptions" (the enum member name).</summary>
    public static string Name(this RequestStatus status) => status.ToString();

    /// <summary>Parses a status name, ignoring case; false for anything else.</summary>
    public static bool TryParse(string? text, out RequestStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);
}
