using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Contracts;

/// <summary>The events the ledger records (the Ledger function's <c>event</c> field).</summary>
public static class LedgerEvents
{
    public const string RequestStarted = nameof(RequestStarted);
    public const string SystemDispatched = nameof(SystemDispatched);
    public const string SystemErased = nameof(SystemErased);
    public const string RecipientsNotified = nameof(RecipientsNotified);
    public const string SystemErasureFailed = nameof(SystemErasureFailed);
    public const string SystemDidNotRespond = nameof(SystemDidNotRespond);
    public const string VerificationExpired = nameof(VerificationExpired);
    public const string IdentityRejected = nameof(IdentityRejected);
    public const string IdentityNotProvided = nameof(IdentityNotProvided);
    public const string WorkflowFailed = nameof(WorkflowFailed);
    public const string ExecutionEnded = nameof(ExecutionEnded);

    /// <summary>Events that concern one system and carry a <c>system</c> field.</summary>
    public static bool HasSystem(string name) =>
        name is SystemDispatched or SystemErased or RecipientsNotified or SystemErasureFailed or SystemDidNotRespond;
}

/// <summary>
/// One call of the Ledger function, parsed: <c>{event, requestId, executionId, ...}</c> as
/// functions/README.md lists them. Only the fields of the event are set.
/// </summary>
public sealed record LedgerEvent(string Event, string RequestId, string ExecutionId)
{
    public string? System { get; init; }

    /// <summary>SystemErased: the system's answer.</summary>
    public ErasureAnswer? Erasure { get; init; }

    /// <summary>SystemErased: how often the erase task was retried before this answer (<c>erasure.retries</c>, the state's RetryCount; 0 when absent).</summary>
    public int Retries { get; init; }

    /// <summary>RecipientsNotified: the Art. 19 outcome.</summary>
    public RecipientsNotification? Notification { get; init; }

    /// <summary>SystemErasureFailed, SystemDidNotRespond, WorkflowFailed: the error name.</summary>
    public string? Error { get; init; }

    /// <summary>ExecutionEnded: ABORTED, TIMED_OUT or FAILED.</summary>
    public string? ExecutionStatus { get; init; }

    /// <summary>SystemDispatched: "sync" or "async".</summary>
    public string? Mode { get; init; }

    /// <summary>Reads the Ledger function's payload.</summary>
    /// <exception cref="InvalidInputException">An unknown event or a missing field.</exception>
    public static LedgerEvent Parse(JsonNode? payload)
    {
        var json = JsonFields.Object(payload, "A ledger event");
        var name = JsonFields.RequiredString(json, "event");
        var parsed = new LedgerEvent(name, JsonFields.RequiredString(json, "requestId"), JsonFields.RequiredString(json, "executionId"));
        if (LedgerEvents.HasSystem(name))
        {
            parsed = parsed with { System = JsonFields.RequiredString(json, "system") };
        }

        return name switch
        {
            LedgerEvents.RequestStarted or LedgerEvents.VerificationExpired or LedgerEvents.IdentityRejected or LedgerEvents.IdentityNotProvided => parsed,
            LedgerEvents.SystemDispatched => parsed with { Mode = JsonFields.RequiredString(json, "mode") },
            LedgerEvents.SystemErased => parsed with { Erasure = ErasureAnswer.FromJson(json["erasure"]), Retries = RetriesOf(json["erasure"]) },
            LedgerEvents.RecipientsNotified => parsed with { Notification = RecipientsNotificationJson.FromJson(json["notification"]) },
            LedgerEvents.SystemErasureFailed or LedgerEvents.SystemDidNotRespond or LedgerEvents.WorkflowFailed =>
                parsed with { Error = ErrorName(json) },
            LedgerEvents.ExecutionEnded => parsed with { ExecutionStatus = JsonFields.RequiredString(json, "status") },
            _ => throw new InvalidInputException($"'{Shorten(name)}' is not a ledger event."),
        };
    }

    private static int RetriesOf(JsonNode? erasure)
    {
        if (erasure is not JsonObject fields || fields["retries"] is null)
        {
            return 0;
        }

        var retries = JsonFields.RequiredInt(fields, "retries");
        return retries >= 0 ? retries : throw new InvalidInputException("'erasure.retries' must not be negative.");
    }

    // An error name may come as null from the definition (a failure without a name); it is recorded as unnamed.
    private static string? ErrorName(JsonObject json) => json["error"] is null ? null : JsonFields.OptionalString(json, "error");

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "...";
}
