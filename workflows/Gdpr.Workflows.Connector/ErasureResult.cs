using System.Globalization;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Connector;

/// <summary>
/// The handler's answer (answer.schema.json), each with a receipt: the system's own reference for what it did, never
/// personal data.
/// </summary>
public sealed record ErasureResult
{
    private ErasureResult(string outcome, string reference)
    {
        Outcome = outcome;
        Reference = reference;
    }

    /// <summary>erased, not_held, retained, beyond_use or failed.</summary>
    public string Outcome { get; }

    public string Reference { get; }

    public string? Ground { get; private init; }

    public string? RetainedData { get; private init; }

    public DateOnly? RetainUntil { get; private init; }

    public string? Error { get; private init; }

    public static ErasureResult Erased(string reference) => new("erased", reference);

    public static ErasureResult NotHeld(string reference) => new("not_held", reference);

    /// <summary>Some data kept under an Art. 17(3) ground (e.g. "Art. 17(3)(b)") until a day.</summary>
    public static ErasureResult Retained(string reference, string ground, string retainedData, DateOnly retainUntil) =>
        new("retained", reference) { Ground = ground, RetainedData = retainedData, RetainUntil = retainUntil };

    /// <summary>Erased from live data; backups holding it are beyond use until they expire on <paramref name="backupsExpireOn"/>.</summary>
    public static ErasureResult BeyondUse(string reference, DateOnly backupsExpireOn, string data = "backups") =>
        new("beyond_use", reference) { RetainedData = data, RetainUntil = backupsExpireOn };

    /// <summary>Could not erase: <c>Erasure.TransientError</c> to be asked again later, another error name for a permanent failure.</summary>
    public static ErasureResult Failed(string error, string reference = "failed") => new("failed", reference) { Error = error };

    /// <summary>The answer's wire form for the task with <paramref name="taskToken"/>.</summary>
    public JsonObject ToJson(string taskToken)
    {
        var receipt = new JsonObject { ["reference"] = Reference };
        if (Ground is not null)
        {
            receipt["ground"] = Ground;
        }

        if (RetainedData is not null)
        {
            receipt["retainedData"] = RetainedData;
        }

        if (RetainUntil is { } until)
        {
            receipt["retainUntil"] = until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var answer = new JsonObject { ["taskToken"] = taskToken, ["outcome"] = Outcome, ["receipt"] = receipt };
        if (Error is not null)
        {
            answer["error"] = Error;
        }

        return answer;
    }
}

/// <summary>The one thing a system writes: erase the subject, answer with a result.</summary>
public interface IErasureHandler
{
    /// <summary>Erase <paramref name="subject"/>; called at least once per task (make it idempotent by <see cref="ErasureContext.Task"/>'s TaskId).</summary>
    Task<ErasureResult> EraseAsync(ErasureSubject subject, ErasureContext context, CancellationToken cancellationToken);
}
