using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>Appends for officers' actions, whose repeats must not fail on details that changed since (a due date moved).</summary>
internal static class AuditOnce
{
    /// <summary>Appends the draft unless an event with its idempotency key exists; the first record stands.</summary>
    public static async Task AppendOnceAsync(this AuditLedger audit, string requestId, AuditEventDraft draft, CancellationToken cancellationToken)
    {
        if (draft.IdempotencyKey is { } key && await audit.FindAsync(requestId, key, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await audit.AppendAsync(requestId, draft, cancellationToken);
        }
        catch (AuditIdempotencyConflictException)
        {
            // A concurrent repeat recorded the same action first.
        }
    }
}
