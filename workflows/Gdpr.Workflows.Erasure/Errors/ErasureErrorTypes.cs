namespace Gdpr.Workflows.Erasure.Errors;

/// <summary>The error names the erasure functions report (matched by the definition's Retry and Catch).</summary>
public static class ErasureErrorTypes
{
    /// <summary>Retried by the definition with backoff and jitter.</summary>
    public const string TransientError = "Erasure.TransientError";

    public const string InvalidInput = "Erasure.InvalidInput";
    public const string NotFound = "Erasure.NotFound";
    public const string Conflict = "Erasure.Conflict";
    public const string Failed = "Erasure.Failed";

    /// <summary>The officer rejected the requester's identity (SendTaskFailure of the verification task).</summary>
    public const string IdentityRejected = "Erasure.IdentityRejected";

    /// <summary>Identity was not verified before the deadline horizon.</summary>
    public const string VerificationExpired = "Erasure.VerificationExpired";

    /// <summary>The requester did not send the identity information asked for (after a reminder): closed, not rejected.</summary>
    public const string IdentityNotProvided = "Erasure.IdentityNotProvided";

    /// <summary>The subject's identifiers are not in the vault (never sealed, or shredded already).</summary>
    public const string SubjectUnavailable = "Erasure.SubjectUnavailable";

    /// <summary>The vault entry failed its integrity check.</summary>
    public const string VaultIntegrity = "Erasure.VaultIntegrity";

    /// <summary>No connector is registered for the system.</summary>
    public const string ConnectorMissing = "Erasure.ConnectorMissing";

    /// <summary>The system's connector failed permanently.</summary>
    public const string ConnectorFailed = "Erasure.ConnectorFailed";

    /// <summary>A system reported data kept under a ground its registry entry does not declare.</summary>
    public const string UndeclaredRetention = "Erasure.UndeclaredRetention";

    /// <summary>The definition's own name for a mode that is neither sync nor async.</summary>
    public const string UnsupportedMode = "Erasure.UnsupportedMode";

    /// <summary>A deadline could not be computed (e.g. the holiday calendar has no data for the year).</summary>
    public const string DeadlineUnavailable = "Erasure.DeadlineUnavailable";

    /// <summary>The caller may not use the route (an API answer only, HTTP 403: e.g. a pull by a principal that is no system).</summary>
    public const string Forbidden = "Erasure.Forbidden";
}
