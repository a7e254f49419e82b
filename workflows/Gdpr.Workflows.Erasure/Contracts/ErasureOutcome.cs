using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Contracts;

/// <summary>A system's answer to "erase this subject".</summary>
public enum ErasureOutcome
{
    /// <summary>"erased": the data was erased or irreversibly anonymised.</summary>
    Erased,

    /// <summary>"not_held": the system held nothing about the subject.</summary>
    NotHeld,

    /// <summary>"retained": some data is kept under an Art. 17(3) ground until a date; the rest was erased.</summary>
    Retained,

    /// <summary>
    /// "beyond_use": erased from live data; copies left in backups are put beyond use (never restored, read or shared,
    /// kept secure) until the backups expire on their normal cycle, the date the receipt gives. ICO, "Right to erasure":
    /// backups need not be purged at once when they are put beyond use and the individual is told what happens to them.
    /// </summary>
    BeyondUse,
}

/// <summary>Wire names of <see cref="ErasureOutcome"/>.</summary>
public static class ErasureOutcomes
{
    public static string WireName(this ErasureOutcome outcome) => outcome switch
    {
        ErasureOutcome.Erased => "erased",
        ErasureOutcome.NotHeld => "not_held",
        ErasureOutcome.Retained => "retained",
        ErasureOutcome.BeyondUse => "beyond_use",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown erasure outcome."),
    };

    public static bool TryParse(string? text, out ErasureOutcome outcome)
    {
        (var ok, outcome) = text switch
        {
            "erased" => (true, ErasureOutcome.Erased),
            "not_held" => (true, ErasureOutcome.NotHeld),
            "retained" => (true, ErasureOutcome.Retained),
            "beyond_use" => (true, ErasureOutcome.BeyondUse),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>The per-system state an outcome leads to.</summary>
    public static SystemErasureStatus ToSystemStatus(this ErasureOutcome outcome) => outcome switch
    {
        ErasureOutcome.Erased => SystemErasureStatus.Erased,
        ErasureOutcome.NotHeld => SystemErasureStatus.NotFound,
        ErasureOutcome.BeyondUse => SystemErasureStatus.BeyondUse,
        _ => SystemErasureStatus.Retained,
    };
}
