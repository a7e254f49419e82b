using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>The withdrawal as it stands; <see cref="Workflow"/> is what stopping the execution found.</summary>
public sealed record CancelResult(string RequestId, RequestStatus Status, bool CancelledNow, WorkflowStopResult Workflow);

/// <summary>
/// The requester withdraws the request (the Cancel function): the withdrawal is recorded first (status Cancelled,
/// systems not yet asked are skipped, audited), then the execution is stopped. The late events of the stopped
/// execution are audited but change nothing. Repeating it stops the execution again if needed and changes nothing else.
/// </summary>
public sealed class CancelService
{
    public const string StopError = "Erasure.Cancelled";

    private readonly RequestUpdater _requests;
    private readonly IWorkflowStarter _workflow;
    private readonly AuditLedger _audit;
    private readonly TimeProvider _time;

    public CancelService(IRequestStore requests, IWorkflowStarter workflow, AuditLedger audit, TimeProvider timeProvider)
    {
        _requests = new RequestUpdater(requests, timeProvider);
        _workflow = workflow;
        _audit = audit;
        _time = timeProvider;
    }

    /// <param name="actor">Who recorded the withdrawal (an officer id, or "subject").</param>
    /// <param name="reason">A code such as "withdrawn-by-subject"; default that.</param>
    /// <exception cref="ConflictException">The request already ended another way.</exception>
    public async Task<CancelResult> CancelAsync(string requestId, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        actor = SafeText.Actor(actor);
        reason = reason is null ? "withdrawn-by-subject" : SafeText.Code(reason, "reason");
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            if (current.Status == RequestStatus.Cancelled)
            {
                return null;
            }

            if (current.Status.IsFinal())
            {
                throw new ConflictException($"Request {requestId} is already {current.Status.Name()}; it can no longer be withdrawn.");
            }

            return RequestRules.Close(current, RequestStatus.Cancelled, _time.GetUtcNow(), "Cancel", null, skipUnfinished: true);
        }, cancellationToken);

        var cancelled = change.After;
        try
        {
            await _audit.AppendAsync(requestId, new AuditEventDraft(AuditEventType.RequestCancelled, actor)
            {
                IdempotencyKey = IdempotencyKeys.For("cancel", requestId),
                Details = new Dictionary<string, string> { ["reason"] = reason },
            }, cancellationToken);
        }
        catch (AuditIdempotencyConflictException) when (!change.Changed)
        {
            // Withdrawn before by someone else or for another reason: that first record stands.
        }

        // Stopped even when no execution id is recorded yet: intake may have started it a moment ago.
        var stop = await _workflow.StopAsync(requestId, cancelled.ExecutionId, StopError, $"Request withdrawn: {reason}.", cancellationToken);
        return new CancelResult(requestId, cancelled.Status, change.Changed, stop);
    }
}
