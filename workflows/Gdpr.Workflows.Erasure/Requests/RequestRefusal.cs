namespace Gdpr.Workflows.Erasure.Requests;

/// <summary>Why a request was refused under Art. 12(5).</summary>
public enum RefusalReason
{
    /// <summary>Manifestly unfounded: e.g. no real wish to exercise the right (offered to withdraw for a benefit), or malicious, to harass.</summary>
    Unfounded,

    /// <summary>Manifestly excessive: e.g. it repeats or overlaps earlier requests with no reasonable interval.</summary>
    Excessive,
}

/// <summary>
/// A refusal: the reason, the officer's explanation (told to the requester, so it never quotes identifiers), when and by whom.
/// ICO, "Right to erasure" (Can we refuse to comply with a request?) and "Manifestly unfounded and excessive requests":
/// the controller must be able to show why, and must tell the individual without undue delay and within one month the
/// reasons, their right to complain to the ICO, and their ability to seek to enforce the right through the courts.
/// </summary>
public sealed record RequestRefusal(RefusalReason Reason, string Detail, DateTimeOffset RefusedAt, string RefusedBy)
{
    public string ReasonName => Reason == RefusalReason.Unfounded ? "unfounded" : "excessive";
}
