using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>The refusal as recorded, the reply sent, and what stopping the workflow found.</summary>
public sealed record RefusalResult(string RequestId, RequestStatus Status, bool RefusedNow, ReplyResult Reply, WorkflowStopResult Workflow);

/// <summary>
/// An officer refuses an open request as manifestly unfounded or excessive (Art. 12(5)): the refusal is recorded with its
/// reason and explanation (status Refused, systems not yet asked skipped, audited with the reason code only), the reply
/// with the reasons and the right to complain and to a judicial remedy is sent while the address is still sealed, then
/// the workflow is stopped, which shreds the identifiers. Repeating it changes nothing and sends nothing again.
/// </summary>
/// <remarks>
/// ICO, "Manifestly unfounded and excessive requests" (UK GDPR right of access guidance, applied to every right by
/// Art. 12(5)): consider each request in its context; the controller bears the burden of showing it is manifestly
/// unfounded or excessive; tell the individual without undue delay and within one month why, and that they may complain
/// to the ICO and seek to enforce the right through a judicial remedy.
/// </remarks>
public sealed class RefusalService(IRequestStore requests, IWorkflowStarter workflow, AuditLedger audit, ReplyService reply, TimeProvider timeProvider)
{
    public const string StopError = "Erasure.Refused";

    /// <summary>The longest explanation the requester is sent with a refusal.</summary>
    public const int DetailLimit = 1000;

    public static readonly AuditEventType RequestRefused = new(nameof(RequestRefused));

    private readonly RequestUpdater _requests = new(requests, timeProvider);

    /// <param name="reason">"unfounded" or "excessive".</param>
    /// <param name="detail">The explanation the requester is given (at most 1,000 characters, no email address or phone number).</param>
    /// <exception cref="ConflictException">The request already ended another way.</exception>
    public async Task<RefusalResult> RefuseAsync(string requestId, string reason, string detail, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        officer = SafeText.Actor(officer, "officer");
        var why = ParseReason(reason);
        detail = SafeText.FreeText(detail, "detail", DetailLimit);
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            if (current.Status == RequestStatus.Refused)
            {
                return null;
            }

            if (current.Status.IsFinal())
            {
                throw new ConflictException($"Request {requestId} is already {current.Status.Name()}; it can no longer be refused.");
            }

            var now = timeProvider.GetUtcNow();
            return RequestRules.Close(current with { Refusal = new RequestRefusal(why, detail, now, officer) }, RequestStatus.Refused, now, "Refusal", null, skipUnfinished: true);
        }, cancellationToken);

        var refused = change.After;
        try
        {
            await audit.AppendAsync(requestId, new AuditEventDraft(RequestRefused, officer)
            {
                IdempotencyKey = IdempotencyKeys.For("refuse", requestId),
                Details = new Dictionary<string, string> { ["reason"] = refused.Refusal!.ReasonName, ["article"] = "Art. 12(5)" },
            }, cancellationToken);
        }
        catch (AuditIdempotencyConflictException) when (!change.Changed)
        {
            // Refused before: that first record stands.
        }

        // The reply goes out before the workflow is stopped: stopping it shreds the address.
        var sent = await reply.SendAsync(requestId, "refusal", cancellationToken);
        var stop = await workflow.StopAsync(requestId, refused.ExecutionId, StopError, $"Request refused as manifestly {refused.Refusal!.ReasonName} (Art. 12(5)).", cancellationToken);
        return new RefusalResult(requestId, refused.Status, change.Changed, sent, stop);
    }

    public static RefusalReason ParseReason(string? reason) => reason?.Trim().ToLowerInvariant() switch
    {
        "unfounded" => RefusalReason.Unfounded,
        "excessive" => RefusalReason.Excessive,
        _ => throw new InvalidInputException("'reason' must be unfounded or excessive (Art. 12(5): manifestly unfounded or excessive)."),
    };
}
