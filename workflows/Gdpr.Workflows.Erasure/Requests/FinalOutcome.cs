namespace Gdpr.Workflows.Erasure.Requests;

/// <summary>How many systems ended which way; <see cref="RecipientsFailed"/> counts failed Art. 19 notifications.</summary>
public sealed record ErasureCounts(int Systems, int Erased, int NotHeld, int Retained, int Failed, int NoResponse, int RecipientsFailed)
{
    public static ErasureCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// The request's final status, stored once: the first writer wins and later ones get this back.
/// <see cref="Error"/> is an error name (e.g. "Erasure.WorkflowFailed") when the request failed, never a message;
/// <see cref="RecordedBy"/> names what closed it ("Finalizer", "Cancel", or the ledger event).
/// </summary>
public sealed record FinalOutcome(RequestStatus Status, ErasureCounts Counts, DateTimeOffset ClosedAt, string RecordedBy, string? Error = null);
