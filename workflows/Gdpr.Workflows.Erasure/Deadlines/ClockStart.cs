namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>What started the one-month clock.</summary>
public enum ClockStartTrigger
{
    /// <summary>The request was received and no identity check was asked for.</summary>
    RequestReceived,

    /// <summary>
    /// Identity information was asked for; the clock starts on the day it arrived (UK GDPR Art. 12A; ICO: "the time
    /// limit will begin once they have received this").
    /// </summary>
    IdentityVerified,
}

/// <summary>The local calendar day the response clock starts, and why it starts then.</summary>
public readonly record struct ClockStart(DateOnly Date, ClockStartTrigger Trigger)
{
    public static ClockStart OnReceipt(DateOnly receivedOn) => new(receivedOn, ClockStartTrigger.RequestReceived);

    public static ClockStart OnIdentityVerified(DateOnly verifiedOn) => new(verifiedOn, ClockStartTrigger.IdentityVerified);

    /// <summary>
    /// Applies the rule: the clock starts on the day of receipt, or, when identity verification was asked
    /// for, on the day the identity was verified. Null while that verification is still outstanding.
    /// </summary>
    /// <exception cref="ArgumentException">Verification is dated before receipt.</exception>
    public static ClockStart? Determine(DateOnly receivedOn, bool identityVerificationRequested, DateOnly? identityVerifiedOn)
    {
        if (!identityVerificationRequested)
        {
            return OnReceipt(receivedOn);
        }

        if (identityVerifiedOn is not { } verifiedOn)
        {
            return null;
        }

        return verifiedOn < receivedOn
            ? throw new ArgumentException(
                $"Identity verified on {DateText.Iso(verifiedOn)}, before the request was received on {DateText.Iso(receivedOn)}; check both dates.",
                nameof(identityVerifiedOn))
            : OnIdentityVerified(verifiedOn);
    }

    /// <summary>Readable reason, e.g. "request received on Wednesday 31 January 2024".</summary>
    public string Describe() => Trigger switch
    {
        ClockStartTrigger.IdentityVerified => $"identity information received on {DateText.Long(Date)}",
        _ => $"request received on {DateText.Long(Date)}",
    };
}
