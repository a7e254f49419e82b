using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>An officer's extension (Art. 12(3)): months, reason (complex or numerous), detail, and the day the requester was told (null: not yet).</summary>
public sealed record ExtensionRequest(int Months, string Reason, string? Detail, DateOnly? ToldOn);

/// <summary>
/// The officers' deadline actions, each audited: extend (Art. 12(3): at most two months in total, in effect only once
/// the requester was told with the reasons within the first month), stop the clock while clarification is awaited (only
/// where Art. 12A allows it, see <see cref="ClarificationPause"/>), restart it when it arrives, and record that the
/// requester was told about an extension.
/// </summary>
/// <remarks>
/// Dates are the days things happened (told on, asked on, answered on), default today, never in the future. Repeating
/// an action with the same facts changes nothing. An action the rules refuse is a <see cref="ConflictException"/> whose
/// message says why and what to do.
/// </remarks>
public sealed class DeadlineService
{
    private readonly RequestUpdater _requests;
    private readonly AuditLedger _audit;
    private readonly ErasureDeadlines _deadlines;
    private readonly TimeProvider _time;

    public DeadlineService(IRequestStore requests, AuditLedger audit, ErasureDeadlines deadlines, TimeProvider timeProvider)
    {
        _requests = new RequestUpdater(requests, timeProvider);
        _audit = audit;
        _deadlines = deadlines;
        _time = timeProvider;
    }

    /// <summary>Extends by <paramref name="months"/> for <paramref name="reason"/> (complex or numerous), told to the requester today.</summary>
    public Task<RequestStatusView> ExtendAsync(string requestId, int months, string reason, string officer, CancellationToken cancellationToken = default) =>
        ExtendAsync(requestId, new ExtensionRequest(months, reason, null, Today()), officer, cancellationToken);

    /// <summary>
    /// An extension the requester was told of, with its reasons, on <paramref name="toldOn"/> (default today): in effect at
    /// once when that day is within the first month (the API's extension route).
    /// </summary>
    public Task<RequestStatusView> ExtendToldAsync(string requestId, int months, string reason, string? detail, DateOnly? toldOn, string officer, CancellationToken cancellationToken = default) =>
        ExtendAsync(requestId, new ExtensionRequest(months, reason, detail, toldOn ?? Today()), officer, cancellationToken);

    /// <summary>
    /// Records an extension decided today. With <see cref="ExtensionRequest.ToldOn"/> it takes effect at once, when that
    /// day is within the first month (otherwise a conflict: a late notice extends nothing); without, it is recorded as
    /// not in effect until <see cref="RecordExtensionToldAsync"/>.
    /// </summary>
    public async Task<RequestStatusView> ExtendAsync(string requestId, ExtensionRequest input, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        var reason = ReasonCode(input.Reason);
        var detail = input.Detail is null ? null : SafeText.FreeText(input.Detail, "detail", 500);
        officer = SafeText.Actor(officer, "officer");
        var today = Today();
        var toldOn = NotFuture(input.ToldOn, today, "told-on");
        // Recorded after the fact (told on an earlier day): it was decided by then at the latest.
        var extension = new DeadlineExtension(input.Months, reason, toldOn ?? today, detail, toldOn);
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            var state = RunningClock(current);
            if (state.Extensions.Contains(extension))
            {
                return null;
            }

            var rules = _deadlines.Of(current);
            var firstPeriod = rules.Compute(state with { Extensions = [], Pauses = state.Pauses.Where(p => !p.IsOpen).ToList() });
            var notice = new ExtensionNotice(extension.DecidedOn, firstPeriod.DueDate ?? today);
            var extended = rules.WithDueDate(state with
            {
                Extensions = [.. state.Extensions, extension],
                ExtensionNotices = [.. state.ExtensionNotices, notice],
            });
            return current with { Deadline = extended };
        }, cancellationToken);

        var after = change.After.Deadline;
        var index = after.Extensions.ToList().IndexOf(extension);
        var tellBy = index >= 0 && index < after.ExtensionNotices.Count ? after.ExtensionNotices[index].TellSubjectBy : today;
        var details = new Dictionary<string, string>
        {
            ["months"] = input.Months.ToString(CultureInfo.InvariantCulture),
            ["reason"] = reason,
            ["dueDate"] = after.DueDate is { } due ? Iso(due) : "clock-stopped",
            ["tellSubjectBy"] = Iso(tellBy),
            ["toldOn"] = toldOn is { } told ? Iso(told) : "not-yet",
            ["inEffect"] = toldOn is null ? "false" : "true",
        };
        if (detail is not null)
        {
            details["detail"] = detail;
        }

        await _audit.AppendOnceAsync(requestId, new AuditEventDraft(AuditEventType.DeadlineExtended, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("deadline", requestId, "extend", Iso(extension.DecidedOn), input.Months.ToString(CultureInfo.InvariantCulture), reason, detail ?? string.Empty, toldOn is { } t ? Iso(t) : "untold"),
            Details = details,
        }, cancellationToken);
        return View(change.After);
    }

    /// <summary>Stops the clock today for <paramref name="reason"/>: clarification was asked for.</summary>
    public Task<RequestStatusView> PauseAsync(string requestId, string officer, CancellationToken cancellationToken = default) =>
        PauseAsync(requestId, "clarification", null, officer, cancellationToken);

    /// <summary>
    /// Stops the clock on <paramref name="askedOn"/> (default today), the day clarification was asked for, for
    /// <paramref name="reason"/>. Refused for an erasure request under <see cref="ClarificationPause.AccessOnly"/>.
    /// </summary>
    public async Task<RequestStatusView> PauseAsync(string requestId, string reason, DateOnly? askedOn, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        reason = SafeText.FreeText(reason, "reason", 200);
        officer = SafeText.Actor(officer, "officer");
        RequirePauseAllowed();
        var from = NotFuture(askedOn, Today(), "asked-on") ?? Today();
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            var state = RunningClock(current);
            if (state.IsClockStopped && state.Pauses[^1].From == from)
            {
                return null;
            }

            var rules = _deadlines.Of(current);
            var stopped = ErasureDeadlines.Guard(() => rules.Calculator.StopClock(rules.Compute(state), from, reason));
            return current with { Deadline = state with { Pauses = stopped.Pauses, DueDate = stopped.DueDate } };
        }, cancellationToken);

        await _audit.AppendOnceAsync(requestId, new AuditEventDraft(AuditEventType.DeadlinePaused, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("deadline", requestId, "pause", Iso(from)),
            Details = new Dictionary<string, string> { ["from"] = Iso(from), ["askedOn"] = Iso(from), ["reason"] = reason },
        }, cancellationToken);
        return View(change.After);
    }

    /// <summary>Restarts the clock today: the clarification arrived.</summary>
    public Task<RequestStatusView> ResumeAsync(string requestId, string officer, CancellationToken cancellationToken = default) =>
        ResumeAsync(requestId, null, officer, cancellationToken);

    /// <summary>
    /// Restarts the clock: the clarification arrived on <paramref name="answeredOn"/> (default today). The days from the
    /// day it was asked to this day, both included, are added to the deadline.
    /// </summary>
    public async Task<RequestStatusView> ResumeAsync(string requestId, DateOnly? answeredOn, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        officer = SafeText.Actor(officer, "officer");
        var until = NotFuture(answeredOn, Today(), "answered-on") ?? Today();
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            var state = RunningClock(current);
            if (!state.IsClockStopped && state.Pauses.Count > 0 && state.Pauses[^1].Until == until)
            {
                return null;
            }

            var rules = _deadlines.Of(current);
            var resumed = ErasureDeadlines.Guard(() => rules.Calculator.ResumeClock(rules.Compute(state), until));
            return current with { Deadline = state with { Pauses = resumed.Pauses, DueDate = resumed.DueDate } };
        }, cancellationToken);

        var after = change.After.Deadline;
        await _audit.AppendOnceAsync(requestId, new AuditEventDraft(AuditEventType.DeadlineResumed, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("deadline", requestId, "resume", Iso(until)),
            Details = new Dictionary<string, string>
            {
                ["until"] = Iso(until),
                ["askedOn"] = after.Pauses.Count > 0 ? Iso(after.Pauses[^1].From) : "none",
                ["answeredOn"] = Iso(until),
                ["pausedDays"] = after.Pauses.Sum(p => p.Days).ToString(CultureInfo.InvariantCulture),
                ["dueDate"] = after.DueDate is { } due ? Iso(due) : "clock-stopped",
            },
        }, cancellationToken);
        return View(change.After);
    }

    /// <summary>Records that the subject was told today about every extension not yet told.</summary>
    public Task<RequestStatusView> RecordExtensionToldAsync(string requestId, string officer, CancellationToken cancellationToken = default) =>
        RecordExtensionToldAsync(requestId, null, officer, cancellationToken);

    /// <summary>
    /// Records that the subject was told on <paramref name="toldOn"/> (default today) about every extension not yet told:
    /// they take effect, or, when that day is after the first month, the notice is refused (a conflict) and nothing changes.
    /// </summary>
    public async Task<RequestStatusView> RecordExtensionToldAsync(string requestId, DateOnly? toldOn, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        officer = SafeText.Actor(officer, "officer");
        var day = NotFuture(toldOn, Today(), "told-on") ?? Today();
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            var rules = _deadlines.Of(current);
            var state = current.Deadline;
            if (state.Extensions.Count == 0)
            {
                throw new ConflictException($"Request {requestId} has no extension to tell the subject about.");
            }

            var effective = rules.Effective(state);
            if (effective.All(e => e.IsInEffect))
            {
                return null;
            }

            var now = _time.GetUtcNow();
            var told = effective.Select(e => e.IsInEffect ? e : e with { ToldOn = day }).ToList();
            var notices = state.ExtensionNotices.Select((n, i) => i < effective.Count && !effective[i].IsInEffect ? n with { ToldAt = now, ToldBy = officer } : n).ToList();
            return current with { Deadline = rules.WithDueDate(state with { Extensions = told, ExtensionNotices = notices }) };
        }, cancellationToken);

        var count = change.After.Deadline.Extensions.Count;
        await _audit.AppendOnceAsync(requestId, new AuditEventDraft(AuditEventType.ExtensionToldToSubject, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("deadline", requestId, "told", count.ToString(CultureInfo.InvariantCulture)),
            Details = new Dictionary<string, string>
            {
                ["extensions"] = count.ToString(CultureInfo.InvariantCulture),
                ["toldOn"] = Iso(day),
                ["dueDate"] = change.After.Deadline.DueDate is { } due ? Iso(due) : "clock-stopped",
            },
        }, cancellationToken);
        return View(change.After);
    }

    /// <summary>The reason code, checked: Art. 12(3) names only the complexity and the number of requests.</summary>
    public static string ReasonCode(string? reason)
    {
        var code = reason?.Trim().ToLowerInvariant();
        return ExtensionReasons.IsValid(code)
            ? code!
            : throw new InvalidInputException("'reason' must be complex or numerous (Art. 12(3): the complexity or the number of the requests); say more with 'detail'.");
    }

    private void RequirePauseAllowed()
    {
        if (_deadlines.Settings.ClarificationPause == ClarificationPause.AccessOnly)
        {
            throw new ConflictException(
                "The clock of an erasure request cannot be stopped for clarification: UK GDPR Art. 12A (Data (Use and Access) Act 2025 s.76) "
                + "lets only a request under Article 15 (access) wait for clarification. Ask for what you need and answer within the deadline, "
                + "or extend it (gdpr extend) when the request is complex. The setting clarificationPause=any-request changes this (see docs/law.md).");
        }
    }

    private static DateOnly? NotFuture(DateOnly? day, DateOnly today, string name) =>
        day > today
            ? throw new InvalidInputException($"'{name}' {Iso(day.Value)} is in the future: give the day it happened, today or earlier.")
            : day;

    private static DeadlineState RunningClock(ErasureRequest request)
    {
        if (!request.IsOpen)
        {
            throw new ConflictException($"Request {request.RequestId} is {request.Status.Name()}; its deadline no longer runs.");
        }

        return request.Deadline.IsProvisional
            ? throw new ConflictException($"Request {request.RequestId} awaits identity verification: its clock has not started, so it cannot be extended or stopped yet.")
            : request.Deadline;
    }

    private RequestStatusView View(ErasureRequest request) => RequestViews.Status(request, _deadlines, Today());

    private DateOnly Today() => _deadlines.Day(_time.GetUtcNow());

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
