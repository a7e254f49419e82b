using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// What the ledger did with an event. <see cref="Applied"/> is false for a late event on a request that had already
/// reached a final status: it is audited but changes nothing. For RequestStarted, <see cref="NeedsVerification"/> and
/// <see cref="DeadlineHorizonSeconds"/> are the Ledger function's answer.
/// </summary>
public sealed record LedgerResult(string RequestId, string Event, string? System, bool Applied, RequestStatus Status)
{
    public bool? NeedsVerification { get; init; }

    public int? DeadlineHorizonSeconds { get; init; }

    /// <summary>
    /// The Ledger function's answer: <c>{needsVerification, deadlineHorizonSeconds}</c> for RequestStarted, otherwise
    /// <c>{requestId, event, system, applied, status}</c>.
    /// </summary>
    public JsonObject ToJson() => NeedsVerification is { } needs && DeadlineHorizonSeconds is { } horizon
        ? new JsonObject { ["needsVerification"] = needs, ["deadlineHorizonSeconds"] = horizon }
        : new JsonObject { ["requestId"] = RequestId, ["event"] = Event, ["system"] = System, ["applied"] = Applied, ["status"] = Status.Name() };
}

/// <summary>
/// Records every workflow event (the Ledger function): in the request (status, per-system states) and in the
/// hash-chained audit trail.
/// </summary>
/// <remarks>
/// Idempotent per (request, execution, event, system): the request remembers the key of every event it applied and
/// the audit event is keyed the same way, so a retry changes nothing and returns the same answer. A request in a final
/// status is never moved: a late event (after a cancel, say) is audited with applied=false and not applied.
/// </remarks>
public sealed class LedgerService
{
    public const string Actor = "workflow";

    private readonly RequestUpdater _requests;
    private readonly AuditLedger _audit;
    private readonly ErasureDeadlines _deadlines;
    private readonly TimeProvider _time;

    public LedgerService(IRequestStore requests, AuditLedger audit, ErasureDeadlines deadlines, TimeProvider timeProvider)
    {
        _requests = new RequestUpdater(requests, timeProvider);
        _audit = audit;
        _deadlines = deadlines;
        _time = timeProvider;
    }

    /// <summary>Records a parsed Ledger function payload.</summary>
    public Task<LedgerResult> RecordAsync(LedgerEvent ledgerEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledgerEvent);
        var (id, execution, system) = (ledgerEvent.RequestId, ledgerEvent.ExecutionId, ledgerEvent.System);
        return ledgerEvent.Event switch
        {
            LedgerEvents.RequestStarted => RequestStartedAsync(id, execution, cancellationToken),
            LedgerEvents.SystemDispatched => SystemDispatchedAsync(id, execution, system!, ParseMode(ledgerEvent.Mode), cancellationToken),
            LedgerEvents.SystemErased => SystemErasedAsync(id, execution, system!, ledgerEvent.Erasure!, ledgerEvent.Retries, cancellationToken),
            LedgerEvents.RecipientsNotified => RecipientsNotifiedAsync(id, execution, system!, ledgerEvent.Notification!, cancellationToken),
            LedgerEvents.SystemErasureFailed => SystemErasureFailedAsync(id, execution, system!, ledgerEvent.Error, cancellationToken),
            LedgerEvents.SystemDidNotRespond => SystemDidNotRespondAsync(id, execution, system!, ledgerEvent.Error, cancellationToken),
            LedgerEvents.VerificationExpired => VerificationExpiredAsync(id, execution, cancellationToken),
            LedgerEvents.IdentityRejected => IdentityRejectedAsync(id, execution, cancellationToken),
            LedgerEvents.IdentityNotProvided => IdentityNotProvidedAsync(id, execution, cancellationToken),
            LedgerEvents.WorkflowFailed => WorkflowFailedAsync(id, execution, ledgerEvent.Error, cancellationToken),
            LedgerEvents.ExecutionEnded => ExecutionEndedAsync(id, execution, ledgerEvent.ExecutionStatus ?? string.Empty, cancellationToken),
            _ => throw new InvalidInputException("Not a ledger event."),
        };
    }

    /// <summary>
    /// The workflow started: the request records the execution and waits for verification or moves to InProgress.
    /// Returns whether identity must be verified and the seconds left until the deadline (at least 1). A request
    /// already in a final status refuses to start again (<see cref="ConflictException"/>), after auditing the attempt.
    /// </summary>
    public async Task<LedgerResult> RequestStartedAsync(string requestId, string executionId, CancellationToken cancellationToken = default)
    {
        var result = await RecordCoreAsync(requestId, executionId, LedgerEvents.RequestStarted, null, [], request => request with
        {
            ExecutionId = executionId,
            Status = request.Verification.BlocksClock ? RequestStatus.AwaitingVerification : RequestRules.Working(request.Status),
        }, cancellationToken);
        if (!result.Change.After.IsOpen && !result.Applied)
        {
            throw new ConflictException($"Request {requestId} is {result.Change.After.Status.Name()}: a final request is not started again.");
        }

        var request = result.Change.After;
        return result.Ledger with
        {
            NeedsVerification = request.Verification.BlocksClock,
            DeadlineHorizonSeconds = _deadlines.HorizonSeconds(request.Deadline, _time.GetUtcNow()),
        };
    }

    /// <summary>A system was asked (for hosts that know: the sync call started, or the async task was sent).</summary>
    public async Task<LedgerResult> SystemDispatchedAsync(string requestId, string executionId, string system, ErasureMode mode, CancellationToken cancellationToken = default)
    {
        system = SafeText.SystemName(system);
        var status = mode == ErasureMode.Async ? SystemErasureStatus.AwaitingCallback : SystemErasureStatus.Dispatched;
        var details = new Dictionary<string, string> { ["mode"] = mode == ErasureMode.Async ? "async" : "sync" };
        return (await RecordCoreAsync(requestId, executionId, LedgerEvents.SystemDispatched, system, details, request =>
            Working(RequestRules.WithSystem(request, system, state => state.IsSettled ? state : state with { Status = status, UpdatedAt = Now() }), request.Status), cancellationToken)).Ledger;
    }

    /// <summary>A system answered erased, not held, or retained under an Art. 17(3) ground, at the first attempt.</summary>
    public Task<LedgerResult> SystemErasedAsync(string requestId, string executionId, string system, ErasureAnswer erasure, CancellationToken cancellationToken = default) =>
        SystemErasedAsync(requestId, executionId, system, erasure, retries: 0, cancellationToken);

    /// <summary>
    /// A system answered erased, not held, or retained under an Art. 17(3) ground, after <paramref name="retries"/> failed
    /// attempts that the definition retried (audited as "attempts", and counted in the system's attempts).
    /// </summary>
    public async Task<LedgerResult> SystemErasedAsync(string requestId, string executionId, string system, ErasureAnswer erasure, int retries, CancellationToken cancellationToken = default)
    {
        system = SafeText.SystemName(system);
        ArgumentNullException.ThrowIfNull(erasure);
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        var details = new Dictionary<string, string>
        {
            ["outcome"] = erasure.Outcome.WireName(),
            ["receipt"] = erasure.Receipt.Reference,
            ["attempts"] = (retries + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (erasure.Receipt.Ground is { } ground)
        {
            details["ground"] = ground.Article();
        }

        if (erasure.Receipt.RetainedData is { } data)
        {
            details["retainedData"] = data;
        }

        if (erasure.Receipt.RetainUntil is { } until)
        {
            // For beyond_use: the day the backups holding the data expire.
            details["retainUntil"] = until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return (await RecordCoreAsync(requestId, executionId, LedgerEvents.SystemErased, system, details, request =>
            Working(RequestRules.WithSystem(request, system, state => state with
            {
                Status = erasure.Outcome.ToSystemStatus(),
                Attempts = state.Attempts + retries + 1,
                Receipt = erasure.Receipt.Reference,
                RetentionGround = erasure.Receipt.Ground,
                RetainUntil = erasure.Receipt.RetainUntil,
                RetainedData = erasure.Receipt.RetainedData,
                LastError = null,
                UpdatedAt = Now(),
            }), request.Status), cancellationToken)).Ledger;
    }

    /// <summary>The Art. 19 outcome of a system's recipients.</summary>
    public async Task<LedgerResult> RecipientsNotifiedAsync(string requestId, string executionId, string system, RecipientsNotification notification, CancellationToken cancellationToken = default)
    {
        system = SafeText.SystemName(system);
        ArgumentNullException.ThrowIfNull(notification);
        var recorded = notification with
        {
            Reason = Reason(notification.Status, notification.Reason),
            Recipients = [.. notification.Recipients.Select(r => new RecipientResult(SafeText.FreeText(r.Name, "recipients.name", 128), r.Status, Reason(r.Status, r.Reason)))],
        };
        var details = new Dictionary<string, string>
        {
            ["status"] = recorded.Status.WireName(),
            ["recipientCount"] = recorded.RecipientCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (recorded.Reason is not null)
        {
            details["reason"] = recorded.Reason;
        }

        if (recorded.Recipients.Count > 0)
        {
            // Organisations' names from the registry, each with its own outcome: "Parcel carrier=sent; Old partner=impossible:recipient-unknown".
            details["recipients"] = string.Join("; ", recorded.Recipients.Select(r => $"{r.Name}={r.Status.WireName()}{(r.Reason is null ? string.Empty : ":" + r.Reason)}"));
        }

        return (await RecordCoreAsync(requestId, executionId, LedgerEvents.RecipientsNotified, system, details, request =>
            RequestRules.WithSystem(request, system, state => state with { Recipients = recorded, UpdatedAt = Now() }),
            cancellationToken)).Ledger;
    }

    private static string? Reason(RecipientNotificationStatus status, string? reason) => reason is null ? null
        : status == RecipientNotificationStatus.Failed ? SafeText.ErrorName(reason) : SafeText.FreeText(reason, "reason", 128);

    /// <summary>Erasing in the system failed; only the error name is kept.</summary>
    public Task<LedgerResult> SystemErasureFailedAsync(string requestId, string executionId, string system, string? error, CancellationToken cancellationToken = default) =>
        RecordSystemFailureAsync(requestId, executionId, LedgerEvents.SystemErasureFailed, system, error, cancellationToken);

    /// <summary>An async system missed its heartbeat or timeout.</summary>
    public Task<LedgerResult> SystemDidNotRespondAsync(string requestId, string executionId, string system, string? error, CancellationToken cancellationToken = default) =>
        RecordSystemFailureAsync(requestId, executionId, LedgerEvents.SystemDidNotRespond, system, error, cancellationToken);

    /// <summary>Identity was not verified before the deadline horizon: the request ends Rejected.</summary>
    public async Task<LedgerResult> VerificationExpiredAsync(string requestId, string executionId, CancellationToken cancellationToken = default) =>
        (await RecordCoreAsync(requestId, executionId, LedgerEvents.VerificationExpired, null, [], request =>
            RequestRules.Close(request with { Verification = IdentityVerification.Expired(Now()) }, RequestStatus.Rejected, Now(),
                LedgerEvents.VerificationExpired, ErasureErrorTypes.VerificationExpired, skipUnfinished: true), cancellationToken)).Ledger;

    /// <summary>
    /// The requester did not send the identity information asked for within the configured period, after a reminder
    /// (<see cref="VerificationService.ReviewWaitAsync"/> decided so): the request ends IdentityNotProvided, never Rejected.
    /// </summary>
    public async Task<LedgerResult> IdentityNotProvidedAsync(string requestId, string executionId, CancellationToken cancellationToken = default) =>
        (await RecordCoreAsync(requestId, executionId, LedgerEvents.IdentityNotProvided, null, [], request =>
            RequestRules.Close(request with { Verification = request.Verification with { State = VerificationState.NotProvided, DecidedAt = Now() } },
                RequestStatus.IdentityNotProvided, Now(), LedgerEvents.IdentityNotProvided, ErasureErrorTypes.IdentityNotProvided, skipUnfinished: true), cancellationToken)).Ledger;

    /// <summary>An officer rejected the requester's identity: the request ends Rejected.</summary>
    public async Task<LedgerResult> IdentityRejectedAsync(string requestId, string executionId, CancellationToken cancellationToken = default) =>
        (await RecordCoreAsync(requestId, executionId, LedgerEvents.IdentityRejected, null, [], request =>
        {
            var verification = request.Verification.State == VerificationState.Rejected
                ? request.Verification
                : IdentityVerification.Rejected("not-recorded", Now(), Actor);
            return RequestRules.Close(request with { Verification = verification }, RequestStatus.Rejected, Now(),
                LedgerEvents.IdentityRejected, ErasureErrorTypes.IdentityRejected, skipUnfinished: true);
        }, cancellationToken)).Ledger;

    /// <summary>Something unexpected stopped the workflow: the request ends Failed with the error name.</summary>
    public async Task<LedgerResult> WorkflowFailedAsync(string requestId, string executionId, string? error, CancellationToken cancellationToken = default)
    {
        var name = SafeText.ErrorName(error);
        return (await RecordCoreAsync(requestId, executionId, LedgerEvents.WorkflowFailed, null, new Dictionary<string, string> { ["error"] = name }, request =>
            RequestRules.Close(request, RequestStatus.Failed, Now(), LedgerEvents.WorkflowFailed, name, skipUnfinished: false), cancellationToken)).Ledger;
    }

    /// <summary>
    /// EventBridge: the execution was stopped, timed out or failed. Usually the request is final already (a cancel,
    /// or the workflow's own failure step) and this is only audited; otherwise the request ends Failed.
    /// </summary>
    public async Task<LedgerResult> ExecutionEndedAsync(string requestId, string executionId, string executionStatus, CancellationToken cancellationToken = default)
    {
        // EventBridge names the request by the execution's name, which for a reopened request's later runs has a suffix.
        requestId = ExecutionNames.RequestIdOf(SafeText.RequestId(requestId));
        var error = executionStatus switch
        {
            "ABORTED" => "Execution.Aborted",
            "TIMED_OUT" => "Execution.TimedOut",
            "FAILED" => "Execution.Failed",
            _ => throw new InvalidInputException("'status' of ExecutionEnded must be ABORTED, TIMED_OUT or FAILED."),
        };
        return (await RecordCoreAsync(requestId, executionId, LedgerEvents.ExecutionEnded, null, new Dictionary<string, string> { ["status"] = executionStatus }, request =>
            RequestRules.Close(request, RequestStatus.Failed, Now(), LedgerEvents.ExecutionEnded, error, skipUnfinished: false), cancellationToken)).Ledger;
    }

    private async Task<LedgerResult> RecordSystemFailureAsync(string requestId, string executionId, string eventName, string system, string? error, CancellationToken cancellationToken)
    {
        system = SafeText.SystemName(system);
        var name = SafeText.ErrorName(error);
        return (await RecordCoreAsync(requestId, executionId, eventName, system, new Dictionary<string, string> { ["error"] = name }, request =>
            Working(RequestRules.WithSystem(request, system, state => state with
            {
                Status = SystemErasureStatus.Failed,
                Attempts = state.Attempts + 1,
                LastError = name,
                UpdatedAt = Now(),
            }), request.Status), cancellationToken)).Ledger;
    }

    /// <summary>The request with a system's change applied, and its own status moved on to working (see <see cref="RequestRules.Working"/>).</summary>
    private static ErasureRequest Working(ErasureRequest changed, RequestStatus before) => changed with { Status = RequestRules.Working(before) };

    private async Task<(LedgerResult Ledger, RequestChange Change, bool Applied)> RecordCoreAsync(
        string requestId,
        string executionId,
        string eventName,
        string? system,
        Dictionary<string, string> details,
        Func<ErasureRequest, ErasureRequest> apply,
        CancellationToken cancellationToken)
    {
        requestId = SafeText.RequestId(requestId);
        executionId = SafeText.ExecutionId(executionId);
        var key = IdempotencyKeys.For("ledger", requestId, executionId, eventName, system);
        var applied = false;
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            if (current.AppliedEvents.Contains(key, StringComparer.Ordinal))
            {
                applied = true;
                return null;
            }

            applied = false;
            if (current.Status.IsFinal())
            {
                return null;
            }

            applied = true;
            var next = apply(current);
            return next with { AppliedEvents = [.. current.AppliedEvents, key] };
        }, cancellationToken);

        details["applied"] = applied ? "true" : "false";
        details["executionId"] = executionId;
        await _audit.AppendAsync(requestId, new AuditEventDraft(new AuditEventType(eventName), Actor)
        {
            System = system,
            Details = details,
            IdempotencyKey = key,
        }, cancellationToken);
        var ledger = new LedgerResult(requestId, eventName, system, applied, change.After.Status);
        return (ledger, change, applied);
    }

    private static ErasureMode ParseMode(string? mode) => mode switch
    {
        "sync" => ErasureMode.Sync,
        "async" => ErasureMode.Async,
        _ => throw new InvalidInputException("'mode' must be sync or async."),
    };

    private DateTimeOffset Now() => _time.GetUtcNow();
}
