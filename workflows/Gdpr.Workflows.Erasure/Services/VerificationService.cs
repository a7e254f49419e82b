using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>An officer's identity decision as it stands: the request's status, verification and (once verified) deadline.</summary>
public sealed record VerificationDecision(string RequestId, RequestStatus Status, VerificationState Verification, DateOnly? DueDate, bool DueDateIsProvisional);

/// <summary>What the workflow does next while identity is awaited: <see cref="Next"/> "wait" (for <see cref="WaitSeconds"/>) or "close".</summary>
public sealed record IdentityWaitReview(string RequestId, string Next, int WaitSeconds, string WaitingOn);

/// <summary>
/// Identity verification: the workflow's wait (the Verification function stores the task token and tells the
/// officers) and the officer's decision (verify: the deadline clock starts on the day of verification; reject).
/// </summary>
public sealed class VerificationService
{
    public const string Actor = "verification";

    /// <summary>The success output the waiting task receives.</summary>
    public const string VerifiedOutput = """{"verified":true}""";

    private readonly RequestUpdater _requests;
    private readonly ITaskTokenStore _tokens;
    private readonly IWorkflowTasks _tasks;
    private readonly IOfficerNotifier _officers;
    private readonly AuditLedger _audit;
    private readonly ErasureDeadlines _deadlines;
    private readonly TimeProvider _time;

    public VerificationService(
        IRequestStore requests,
        ITaskTokenStore tokens,
        IWorkflowTasks tasks,
        IOfficerNotifier officers,
        AuditLedger audit,
        ErasureDeadlines deadlines,
        TimeProvider timeProvider)
    {
        _requests = new RequestUpdater(requests, timeProvider);
        _tokens = tokens;
        _tasks = tasks;
        _officers = officers;
        _audit = audit;
        _deadlines = deadlines;
        _time = timeProvider;
    }

    /// <summary>
    /// The workflow waits for an officer (the Verification function, <c>.waitForTaskToken</c>): stores the token under
    /// (request, "identity-verification") until the deadline horizon, audits the request and tells the officers once.
    /// Repeating it stores the (same or newer) token again and tells nobody twice. When the officer has decided already
    /// (the engine ran this step again after a restart, and the decision came in between), the task is answered with
    /// that decision at once: a re-run step finds the same outcome, it does not fail the workflow.
    /// </summary>
    public async Task<VerificationDecision> AwaitVerificationAsync(string requestId, string executionId, string taskToken, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        executionId = SafeText.ExecutionId(executionId);
        CheckToken(taskToken);
        var request = await _requests.GetAsync(requestId, cancellationToken);
        if (request.IsOpen && request.Verification.State is VerificationState.Verified or VerificationState.Rejected)
        {
            // Delivered, or closed because an earlier answer got there first: either way the task has its decision.
            _ = request.Verification.State == VerificationState.Verified
                ? await _tasks.SendSuccessAsync(taskToken, VerifiedOutput, cancellationToken)
                : await _tasks.SendFailureAsync(taskToken, ErasureErrorTypes.IdentityRejected, RejectionCause(request.Verification.Reason ?? "unknown"), cancellationToken);
            return Decision(request);
        }

        if (request.Verification.State != VerificationState.Awaiting || !request.IsOpen)
        {
            throw new ConflictException($"Request {requestId} is not waiting for identity verification (verification {request.Verification.State}, status {request.Status.Name()}).");
        }

        var now = _time.GetUtcNow();
        // The wait may outlast the provisional date (an officer's undecided check escalates, it never expires): each wait
        // stores the token again, kept for at least the longest period from now.
        var expiresAt = _deadlines.EndOfDay(Max(
            request.Deadline.DueDate ?? request.Deadline.ReceivedOn,
            _deadlines.Day(now).AddMonths(ErasureDeadlines.LongestPeriodMonths)));
        await _tokens.PutAsync(new TaskTokenRecord(requestId, TaskTokenPurposes.IdentityVerification, taskToken, executionId, now, expiresAt), cancellationToken);

        var key = IdempotencyKeys.For("verification", requestId, executionId, "VerificationRequested");
        if (await _audit.FindAsync(requestId, key, cancellationToken) is null)
        {
            var dueDate = request.Deadline.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none";
            await _officers.NotifyAsync(new OfficerNotice("VerificationRequested", requestId,
                new Dictionary<string, string> { ["verifyBy"] = dueDate, ["channel"] = request.Channel }, key), cancellationToken);
            await _audit.AppendAsync(requestId, new AuditEventDraft(AuditEventType.VerificationRequested, Actor)
            {
                IdempotencyKey = key,
                Details = new Dictionary<string, string> { ["executionId"] = executionId, ["verifyBy"] = dueDate },
            }, cancellationToken);
        }

        return Decision(request);
    }

    /// <summary>
    /// The workflow's review of an identity wait (before the first wait and each time one times out). No refusal by
    /// backlog (ICO: the clock waits for the information, it does not run out on the controller's own delay):
    /// <list type="bullet">
    /// <item>Waiting on the requester (information asked for on receipt, not sent): after
    /// <see cref="Deadlines.ClockSettings.IdentityReminderDays"/> a reminder is sent (once, audited); after
    /// <see cref="Deadlines.ClockSettings.IdentityCloseDays"/>, and never before the reminder was sent, the answer is
    /// "close": the request ends as identity not provided.</item>
    /// <item>Waiting on an officer (the information arrived): never closes; every
    /// <see cref="Deadlines.ClockSettings.OfficerEscalationDays"/> undecided the officers are told (escalated, audited).</item>
    /// <item>Decided already, or closed: "wait" for 1 second, so the wait answers at once with the decision.</item>
    /// </list>
    /// </summary>
    public async Task<IdentityWaitReview> ReviewWaitAsync(string requestId, string executionId, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        executionId = SafeText.ExecutionId(executionId);
        var request = await _requests.GetAsync(requestId, cancellationToken);
        var settings = _deadlines.Settings;
        var now = _time.GetUtcNow();
        var today = _deadlines.Day(now);
        var verification = request.Verification;
        if (!request.IsOpen || verification.State != VerificationState.Awaiting)
        {
            return new IdentityWaitReview(requestId, "wait", 1, "nobody");
        }

        if (verification.InformationReceivedOn is { } arrived)
        {
            var escalateOn = (verification.EscalatedOn ?? arrived).AddDays(settings.OfficerEscalationDays);
            if (today >= escalateOn)
            {
                await NoticeOnceAsync(request, "VerificationEscalated", today, new Dictionary<string, string>
                {
                    ["informationReceivedOn"] = Iso(arrived),
                    ["undecidedDays"] = (today.DayNumber - arrived.DayNumber).ToString(CultureInfo.InvariantCulture),
                }, v => v with { EscalatedOn = today }, cancellationToken);
                escalateOn = today.AddDays(settings.OfficerEscalationDays);
            }

            return new IdentityWaitReview(requestId, "wait", SecondsUntil(escalateOn, now), "officer");
        }

        var askedOn = request.Deadline.ReceivedOn;
        var remindOn = askedOn.AddDays(settings.IdentityReminderDays);
        if (verification.RemindedOn is null)
        {
            if (today < remindOn)
            {
                return new IdentityWaitReview(requestId, "wait", SecondsUntil(remindOn, now), "requester");
            }

            await NoticeOnceAsync(request, "RequesterReminded", today, new Dictionary<string, string>
            {
                ["askedOn"] = Iso(askedOn),
                ["closesOn"] = Iso(CloseOn(askedOn, today, settings)),
            }, v => v with { RemindedOn = today }, cancellationToken);
            return new IdentityWaitReview(requestId, "wait", SecondsUntil(CloseOn(askedOn, today, settings), now), "requester");
        }

        var closeOn = CloseOn(askedOn, verification.RemindedOn.Value, settings);
        return today >= closeOn
            ? new IdentityWaitReview(requestId, "close", 1, "requester")
            : new IdentityWaitReview(requestId, "wait", SecondsUntil(closeOn, now), "requester");
    }

    /// <summary>
    /// The identity information asked for arrived on <paramref name="receivedOn"/> (default today): the wait is now on the
    /// officers (escalated, never closed), and a verification without a date starts the clock that day.
    /// </summary>
    public async Task<VerificationDecision> RecordInformationReceivedAsync(string requestId, DateOnly? receivedOn, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        officer = SafeText.Actor(officer, "officer");
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            EnsureStillAwaiting(current);
            var today = _deadlines.Day(_time.GetUtcNow());
            var arrived = receivedOn ?? today;
            CheckArrival(current, arrived, today);
            return current.Verification.InformationReceivedOn == arrived
                ? null
                : current with { Verification = current.Verification with { InformationReceivedOn = arrived } };
        }, cancellationToken);

        var day = change.After.Verification.InformationReceivedOn!.Value;
        await _audit.AppendOnceAsync(requestId, new AuditEventDraft(new AuditEventType("IdentityInformationReceived"), officer)
        {
            IdempotencyKey = IdempotencyKeys.For("verification", requestId, "information", Iso(day)),
            Details = new Dictionary<string, string> { ["receivedOn"] = Iso(day) },
        }, cancellationToken);
        return Decision(change.After);
    }

    /// <summary>The day the wait on the requester ends: the configured period from the ask, and never the day of the reminder or before.</summary>
    private static DateOnly CloseOn(DateOnly askedOn, DateOnly remindedOn, Deadlines.ClockSettings settings)
    {
        var close = askedOn.AddDays(settings.IdentityCloseDays);
        return close > remindedOn ? close : remindedOn.AddDays(1);
    }

    /// <summary>Seconds from <paramref name="now"/> to the start of <paramref name="day"/> (local), at least 1.</summary>
    private int SecondsUntil(DateOnly day, DateTimeOffset now) =>
        (int)Math.Clamp(Math.Ceiling((_deadlines.EndOfDay(day.AddDays(-1)) - now).TotalSeconds), 1, int.MaxValue);

    /// <summary>Tells the officers once per (kind, day), records the change on the verification and audits it.</summary>
    private async Task NoticeOnceAsync(ErasureRequest request, string kind, DateOnly today, Dictionary<string, string> details, Func<IdentityVerification, IdentityVerification> record, CancellationToken cancellationToken)
    {
        var key = IdempotencyKeys.For("verification", request.RequestId, kind, Iso(today));
        details["channel"] = request.Channel;
        await _officers.NotifyAsync(new OfficerNotice(kind, request.RequestId, details, key), cancellationToken);
        await _requests.UpdateAsync(request.RequestId, current =>
            current.Verification.State == VerificationState.Awaiting && current.IsOpen
                ? current with { Verification = record(current.Verification) }
                : null, cancellationToken);
        await _audit.AppendOnceAsync(request.RequestId, new AuditEventDraft(new AuditEventType(kind), Actor)
        {
            IdempotencyKey = key,
            Details = details,
        }, cancellationToken);
    }

    private static void CheckArrival(ErasureRequest request, DateOnly arrived, DateOnly today)
    {
        if (arrived > today || arrived < request.Deadline.ReceivedOn)
        {
            throw new InvalidInputException(
                $"'received-on' {Iso(arrived)} must be the day the identity information arrived: on or after the day the request arrived ({Iso(request.Deadline.ReceivedOn)}) and not in the future.");
        }
    }

    /// <summary>
    /// An officer verified the requester's identity by <paramref name="method"/> (a code such as "id-document"): the
    /// clock starts today, the request moves to InProgress, and the waiting workflow continues. Repeating the same
    /// decision changes nothing; a different one is a conflict.
    /// </summary>
    /// <exception cref="ConflictException">Decided otherwise already, the request is final, or the workflow is not (or no longer) waiting.</exception>
    /// <exception cref="NotFoundException">No such request, or the engine does not know the stored token.</exception>
    public Task<VerificationDecision> VerifyAsync(string requestId, string method, string officer, CancellationToken cancellationToken = default) =>
        VerifyAsync(requestId, method, informationReceivedOn: null, officer, cancellationToken);

    /// <summary>
    /// As <see cref="VerifyAsync(string, string, string, CancellationToken)"/>, with the day the identity information
    /// asked for arrived: the clock starts that day (Art. 12A(3)(b): the period begins when the controller receives
    /// the information requested to confirm the identity), not the day the officer decided. Default today; it cannot
    /// be before the request arrived nor in the future.
    /// </summary>
    public async Task<VerificationDecision> VerifyAsync(string requestId, string method, DateOnly? informationReceivedOn, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        method = SafeText.Code(method, "method");
        officer = SafeText.Actor(officer, "officer");
        var (token, repeat) = await PrepareAsync(requestId, VerificationState.Verified, v => v.Method == method, cancellationToken);
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            if (current.Verification.State == VerificationState.Verified)
            {
                return null;
            }

            EnsureStillAwaiting(current);
            var now = _time.GetUtcNow();
            var rules = _deadlines.Of(current);
            var today = rules.Day(now);
            var arrived = informationReceivedOn ?? current.Verification.InformationReceivedOn ?? today;
            CheckArrival(current, arrived, today);

            var deadline = current.Deadline with { ClockStart = ClockStart.OnIdentityVerified(arrived) };
            return current with
            {
                Verification = IdentityVerification.Verified(method, now, officer) with { InformationReceivedOn = arrived },
                Deadline = rules.WithDueDate(deadline),
                Status = RequestRules.Working(current.Status),
            };
        }, cancellationToken);

        var verified = change.After;
        await _audit.AppendAsync(requestId, new AuditEventDraft(AuditEventType.IdentityVerified, verified.Verification.DecidedBy ?? officer)
        {
            IdempotencyKey = IdempotencyKeys.For("verification", requestId, "decision"),
            Details = new Dictionary<string, string>
            {
                ["method"] = verified.Verification.Method ?? method,
                ["clockStart"] = verified.Deadline.ClockStart?.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none",
                ["dueDate"] = verified.Deadline.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "none",
            },
        }, cancellationToken);

        await DeliverAsync(requestId, token, repeat, t => _tasks.SendSuccessAsync(t.TaskToken, VerifiedOutput, cancellationToken), cancellationToken);
        return Decision(verified);
    }

    /// <summary>
    /// An officer rejected the requester's identity for <paramref name="reason"/> (a code such as "documents-mismatch"):
    /// the waiting task fails with Erasure.IdentityRejected and the workflow closes the request as Rejected.
    /// </summary>
    /// <exception cref="ConflictException">Decided otherwise already, the request is final, or the workflow is not (or no longer) waiting.</exception>
    public async Task<VerificationDecision> RejectAsync(string requestId, string reason, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        reason = SafeText.Code(reason, "reason");
        officer = SafeText.Actor(officer, "officer");
        var (token, repeat) = await PrepareAsync(requestId, VerificationState.Rejected, v => v.Reason == reason, cancellationToken);
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            if (current.Verification.State == VerificationState.Rejected)
            {
                return null;
            }

            EnsureStillAwaiting(current);
            return current with { Verification = IdentityVerification.Rejected(reason, _time.GetUtcNow(), officer) };
        }, cancellationToken);

        var rejected = change.After;
        await _audit.AppendAsync(requestId, new AuditEventDraft(AuditEventType.RequestRejected, rejected.Verification.DecidedBy ?? officer)
        {
            IdempotencyKey = IdempotencyKeys.For("verification", requestId, "decision"),
            Details = new Dictionary<string, string> { ["reason"] = rejected.Verification.Reason ?? reason },
        }, cancellationToken);

        var cause = RejectionCause(reason);
        await DeliverAsync(requestId, token, repeat, t => _tasks.SendFailureAsync(t.TaskToken, ErasureErrorTypes.IdentityRejected, cause, cancellationToken), cancellationToken);
        return Decision(rejected);
    }

    /// <summary>
    /// Checks the decision can be taken and finds the token. Returns the token (null when a repeat finds it used up)
    /// and whether this repeats a decision already stored.
    /// </summary>
    private async Task<(TaskTokenRecord? Token, bool Repeat)> PrepareAsync(
        string requestId, VerificationState decided, Func<IdentityVerification, bool> sameDecision, CancellationToken cancellationToken)
    {
        var request = await _requests.GetAsync(requestId, cancellationToken);
        var verification = request.Verification;
        var repeat = verification.State == decided;
        if (repeat && !sameDecision(verification))
        {
            throw new ConflictException($"Request {requestId}'s identity was already decided ({verification.State}) with another {(decided == VerificationState.Verified ? "method" : "reason")}.");
        }

        if (!repeat)
        {
            EnsureStillAwaiting(request);
        }

        var token = await _tokens.GetAsync(requestId, TaskTokenPurposes.IdentityVerification, cancellationToken);
        if (token is null && !repeat)
        {
            throw new ConflictException($"The workflow of request {requestId} is not waiting for the identity decision yet; try again in a moment.");
        }

        return (token, repeat);
    }

    private static void EnsureStillAwaiting(ErasureRequest request)
    {
        if (!request.IsOpen)
        {
            throw new ConflictException($"Request {request.RequestId} is {request.Status.Name()}; its identity can no longer be decided.");
        }

        if (request.Verification.State != VerificationState.Awaiting)
        {
            throw new ConflictException($"Request {request.RequestId}'s identity is {request.Verification.State}, not awaiting a decision.");
        }
    }

    private async Task DeliverAsync(string requestId, TaskTokenRecord? token, bool repeat, Func<TaskTokenRecord, Task<TaskAnswerResult>> send, CancellationToken cancellationToken)
    {
        if (token is null)
        {
            return; // a repeat after the token was used and removed: the task was answered then
        }

        switch (await send(token))
        {
            case TaskAnswerResult.Delivered:
                break;
            case TaskAnswerResult.UnknownToken:
                throw new NotFoundException($"The workflow engine does not know the verification task of request {requestId}: it may have expired.");
            case TaskAnswerResult.TaskClosed when !repeat:
                throw new ConflictException($"The verification task of request {requestId} has ended (timed out, or the workflow stopped); the decision was recorded but the workflow did not take it.");
        }

        await _tokens.DeleteIfMatchesAsync(requestId, TaskTokenPurposes.IdentityVerification, token.TaskToken, cancellationToken);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string RejectionCause(string reason) => $"Identity rejected by an officer: {reason}.";

    private static void CheckToken(string taskToken)
    {
        if (string.IsNullOrEmpty(taskToken) || taskToken.Length > TaskCallbackService.MaxTokenLength || taskToken.Any(char.IsControl))
        {
            throw new InvalidInputException($"'taskToken' must be 1 to {TaskCallbackService.MaxTokenLength} characters.");
        }
    }

    private static VerificationDecision Decision(ErasureRequest request) =>
        new(request.RequestId, request.Status, request.Verification.State, request.Deadline.DueDate, request.Deadline.IsProvisional);
}
