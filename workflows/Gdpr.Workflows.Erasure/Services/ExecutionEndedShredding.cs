using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>What a sweep did: requests looked at, and those whose identifiers it shredded now.</summary>
public sealed record ShredSweepResult(int Examined, int Shredded);

/// <summary>
/// Shredding for executions that ended without reaching the workflow's own shred step (the ExecutionEnded rule: ABORTED,
/// TIMED_OUT, FAILED), without defeating a redrive. An officer may redrive a failed, timed-out or stopped execution for
/// 14 days (Step Functions' redrive window), and the redriven execution needs the subject's identifiers. So:
/// <list type="bullet">
/// <item>the rule's event shreds at once only when the request can never be worked on again: withdrawn (Cancelled, which
/// the Cancel function stores before it stops the execution), Rejected, or closed as IdentityNotProvided (the identity
/// never came: a redrive would end the same way, and a new request starts afresh); otherwise the vault is kept
/// ("kept-for-redrive");</item>
/// <item>a daily sweep shreds the requests closed as Failed or CompletedWithExceptions whose identifiers were kept for a
/// retry, once their execution has stayed stopped for the whole redrive window. A rerun that leaves no work shreds
/// through its own step; one that fails again restarts the window.</item>
/// </list>
/// VaultSafetyNetDays' TTL stays the last resort behind both.
/// </summary>
public sealed class ExecutionEndedShredding(ShredService shredder, SubjectVault vault, IRequestStore requests, IExecutionEnds? executions, TimeProvider time)
{
    /// <summary>Step Functions accepts RedriveExecution for 14 days after an execution closes.</summary>
    public static readonly TimeSpan RedriveWindow = TimeSpan.FromDays(14);

    public const string KeptForRedrive = "kept-for-redrive";

    /// <summary>The reason the sweep's shreds are audited with.</summary>
    public const string RedriveWindowClosed = ShredService.RetryWindowClosed;

    private const int PageSize = 100;

    /// <summary>The ExecutionEnded rule's call: shreds a withdrawn or rejected request's identifiers, keeps any other's.</summary>
    public async Task<ShredResult> OnExecutionEndedAsync(string requestId, string executionId, string reason, CancellationToken cancellationToken = default)
    {
        var request = await requests.GetAsync(requestId, cancellationToken);
        if (request is not null && request.Status is not (RequestStatus.Cancelled or RequestStatus.Rejected or RequestStatus.IdentityNotProvided))
        {
            return new ShredResult(request.RequestId, KeptForRedrive);
        }

        // Withdrawn, rejected or never identified: no redrive may work on it again. Unknown: nothing of it should be kept.
        return await shredder.ShredAsync(requestId, executionId, reason, cancellationToken);
    }

    /// <summary>The daily sweep: shreds kept identifiers whose request's execution has been stopped for longer than the redrive window.</summary>
    public async Task<ShredSweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        if (executions is null)
        {
            throw new InvalidOperationException("This host has no execution lookup, so it cannot tell whether the redrive window has closed.");
        }

        var examined = 0;
        var shredded = 0;
        var cutoff = time.GetUtcNow() - RedriveWindow;
        // Both statuses can keep identifiers for a retry (systems still owe an erasure): see ShredService.
        foreach (var status in (RequestStatus[])[RequestStatus.Failed, RequestStatus.CompletedWithExceptions])
        {
            var (seen, destroyed) = await SweepStatusAsync(status, executions, cutoff, cancellationToken);
            examined += seen;
            shredded += destroyed;
        }

        return new ShredSweepResult(examined, shredded);
    }

    private async Task<(int Examined, int Shredded)> SweepStatusAsync(RequestStatus status, IExecutionEnds ends, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var examined = 0;
        var shredded = 0;
        string? token = null;
        do
        {
            var page = await requests.QueryByStatusAsync(status, PageSize, token, cancellationToken);
            foreach (var request in page.Items)
            {
                examined++;
                // Sealed first: most failed requests were shredded long ago, and that check costs no Step Functions call.
                if (request.ExecutionId is not { } executionId
                    || await vault.GetStateAsync(request.RequestId, cancellationToken) != SubjectVaultState.Sealed
                    || await ends.StoppedAtAsync(executionId, cancellationToken) is not { } stoppedAt
                    || stoppedAt > cutoff)
                {
                    continue;
                }

                var result = await shredder.ShredAsync(request.RequestId, executionId, RedriveWindowClosed, cancellationToken);
                shredded += result.Outcome == "shredded" ? 1 : 0;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return (examined, shredded);
    }
}
