using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>What reopening did: the run started (2 for the first retry), its execution, and the systems that run again.</summary>
public sealed record ReopenResult(string RequestId, int Run, string ExecutionId, IReadOnlyList<string> Systems);

/// <summary>
/// An officer retries a request that ended Failed, or CompletedWithExceptions with systems that failed or did not answer
/// (once the cause is fixed): the request is open again (InProgress), the audit says who reopened it and which systems
/// run again, and a new run of the workflow starts. Like a Step Functions redrive, what succeeded is not run again: the
/// Systems function lists only the systems without a final answer, and the Finalizer counts the earlier answers.
/// </summary>
public sealed class ReopenService(IRequestStore requests, SubjectVault vault, IWorkflowStarter workflow, AuditLedger audit, TimeProvider timeProvider)
{
    private readonly RequestUpdater _requests = new(requests, timeProvider);

    /// <exception cref="ConflictException">The request is open, ended with nothing to retry, or its identifiers were shredded.</exception>
    /// <exception cref="NotFoundException">No such request.</exception>
    public async Task<ReopenResult> ReopenAsync(string requestId, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        officer = SafeText.Actor(officer, "officer");
        var current = await _requests.GetAsync(requestId, cancellationToken);
        if (!RequestRules.HasWorkLeft(current))
        {
            throw new ConflictException(current.IsOpen
                ? $"Request {requestId} is {current.Status.Name()}: its workflow is still running."
                : $"Request {requestId} ended {current.Status.Name()} with no system left to erase; there is nothing to retry.");
        }

        if (await vault.GetStateAsync(requestId, cancellationToken) != SubjectVaultState.Sealed)
        {
            throw new ConflictException($"The identifiers of request {requestId} were shredded, so it cannot run again; submit a new request if the subject asks again.");
        }

        var run = (await audit.ReadAsync(requestId, cancellationToken)).Count(e => e.Type == AuditEventType.RequestReopened || e.Type.Name == "RetentionEnded") + 2;
        var now = timeProvider.GetUtcNow();
        var change = await _requests.UpdateAsync(requestId, r => RequestRules.HasWorkLeft(r) ? r with
        {
            Status = RequestStatus.InProgress,
            Outcome = null,
            Systems = [.. r.Systems.Select(s => s.IsSettled ? s : s with { Status = SystemErasureStatus.Pending, UpdatedAt = now })],
        } : null, cancellationToken);
        if (!change.Changed)
        {
            throw new ConflictException($"Request {requestId} changed while it was being reopened ({change.After.Status.Name()}); check its status and try again.");
        }

        var again = current.Systems.Where(s => !s.IsSettled).Select(s => s.System).ToList();
        await audit.AppendAsync(requestId, new AuditEventDraft(AuditEventType.RequestReopened, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("reopen", requestId, run.ToString(CultureInfo.InvariantCulture)),
            Details = new Dictionary<string, string>
            {
                ["run"] = run.ToString(CultureInfo.InvariantCulture),
                ["previousStatus"] = current.Status.Name(),
                ["systems"] = again.Count == 0 ? "all-unsettled" : string.Join(',', again),
            },
        }, cancellationToken);
        var start = await workflow.StartRunAsync(requestId, run, cancellationToken);
        return new ReopenResult(requestId, run, start.ExecutionId, again);
    }
}
