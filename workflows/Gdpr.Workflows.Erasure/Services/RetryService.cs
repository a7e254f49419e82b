using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>What an officer's retry did.</summary>
public enum RetryAction
{
    /// <summary>A closed request with systems left to erase runs again (a new execution; the work goes on in it).</summary>
    Reopened,

    /// <summary>The open request had no execution, and one was started (the work goes on in it).</summary>
    WorkflowStarted,

    /// <summary>The open request's execution is running; nothing was changed.</summary>
    WorkflowRunning,

    /// <summary>One sync system was asked to erase again, now, and answered (see the request's systems).</summary>
    SystemErased,

    /// <summary>One sync system was asked to erase again, now, and failed again (recorded as a failure).</summary>
    SystemFailed,
}

/// <param name="Message">What happened, in a sentence (ids, system names and error codes only).</param>
public sealed record RetryResult(string RequestId, RetryAction Action, string Message)
{
    /// <summary>Whether the work continues in a workflow run started by this retry (an HTTP API answers 202).</summary>
    public bool Continues => Action is RetryAction.Reopened or RetryAction.WorkflowStarted;
}

/// <summary>
/// An officer's retry (<c>gdpr retry</c>, <c>POST /requests/{id}/retry</c>). A request that ended with systems that failed
/// or did not answer is reopened: those systems run again in a new run of the workflow (<see cref="ReopenService"/>).
/// An open request: with a system, that sync system is asked to erase again now and its answer recorded (an async system
/// answers its own task, so it is refused); without one, its workflow is made to run (started when intake never did;
/// one that ended while the request is open is a conflict, its end still being recorded). The officer is audited.
/// </summary>
public sealed class RetryService(
    IRequestStore requests,
    ReopenService reopen,
    IWorkflowStarter workflow,
    IWorkflowExecutions executions,
    SystemRegistry registry,
    SyncEraseService syncErase,
    LedgerService ledger,
    AuditLedger audit)
{
    public static readonly AuditEventType RetryRequested = new(nameof(RetryRequested));

    /// <param name="system">One sync system to erase in again now; null: the whole request.</param>
    /// <exception cref="NotFoundException">No such request.</exception>
    /// <exception cref="InvalidInputException">The system is not in the registry.</exception>
    /// <exception cref="ConflictException">Nothing to retry, an async system, or a workflow that ended while the request is open.</exception>
    public async Task<RetryResult> RetryAsync(string requestId, string? system, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        officer = SafeText.Actor(officer, "officer");
        var request = await requests.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.Request(requestId);
        if (!request.IsOpen)
        {
            // Reopening is audited as RequestReopened, with the officer.
            var reopened = await reopen.ReopenAsync(requestId, officer, cancellationToken);
            var systems = reopened.Systems.Count == 0 ? "every system without a final answer" : string.Join(", ", reopened.Systems);
            return new RetryResult(requestId, RetryAction.Reopened, $"reopened: run {reopened.Run.ToString(CultureInfo.InvariantCulture)} erases again in {systems} ({reopened.ExecutionId}).");
        }

        var result = system is null
            ? await RetryWorkflowAsync(request, cancellationToken)
            : await RetrySystemAsync(request, SafeText.SystemName(system), cancellationToken);
        await audit.AppendOnceAsync(requestId, new AuditEventDraft(RetryRequested, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("retry", requestId, system ?? "workflow", result.Action.ToString(), result.Key),
            Details = new Dictionary<string, string> { ["system"] = system ?? "all", ["result"] = result.Action.ToString() },
        }, cancellationToken);
        return new RetryResult(requestId, result.Action, result.Message);
    }

    private async Task<(RetryAction Action, string Message, string Key)> RetryWorkflowAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        var run = await executions.DescribeAsync(request.RequestId, request.ExecutionId, cancellationToken);
        switch (run.State)
        {
            case WorkflowRunState.Running:
                return (RetryAction.WorkflowRunning, "its workflow is running.", request.ExecutionId ?? request.RequestId);
            case WorkflowRunState.Ended:
                throw new ConflictException(
                    $"The workflow of request {request.RequestId} ended {run.EndedAs} ({run.Error ?? "no error"}) while the request is still {request.Status.Name()}: "
                    + "its end is being recorded; check the status again, and the history for the cause.");
            default:
                var start = await workflow.StartAsync(request.RequestId, cancellationToken);
                return (RetryAction.WorkflowStarted, $"its workflow was not running and has been started ({start.ExecutionId}).", start.ExecutionId);
        }
    }

    private async Task<(RetryAction Action, string Message, string Key)> RetrySystemAsync(ErasureRequest request, string name, CancellationToken cancellationToken)
    {
        var definition = registry.Find(name)
            ?? throw new InvalidInputException($"System '{name}' is not in the registry. Systems: {string.Join(", ", registry.Systems.Select(s => s.Name))}.");
        if (definition.Mode == ErasureMode.Async)
        {
            throw new ConflictException($"System '{name}' is asynchronous: it answers its erasure task itself (its waiting task is in its task list).");
        }

        var attempt = ((request.FindSystem(name)?.Attempts ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
        var executionId = (request.ExecutionId ?? request.RequestId) + "/retry-" + attempt;
        try
        {
            var answer = await syncErase.EraseAsync(request.RequestId, executionId, name, cancellationToken);
            await ledger.SystemErasedAsync(request.RequestId, executionId, name, answer, cancellationToken);
            return (RetryAction.SystemErased, $"{name} erased again: {answer.Outcome} (attempt {attempt}).", attempt);
        }
        catch (ErasureException e) when (e.Kind is ErasureErrorKind.Failed or ErasureErrorKind.Transient)
        {
            await ledger.SystemErasureFailedAsync(request.RequestId, executionId, name, e.ErrorType, cancellationToken);
            return (RetryAction.SystemFailed, $"{name} failed again with {e.ErrorType} (attempt {attempt}): {e.Message}", attempt);
        }
    }
}
