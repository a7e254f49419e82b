using System.Globalization;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// The officers' deadline actions, each audited: extend (within the first month, at most two months in total, and the
/// subject must be told with the reasons within the first month: recorded as an <see cref="ExtensionNotice"/>), stop the
/// clock while clarification is awaited, restart it when it arrives, and record that the subject was told.
/// </summary>
/// <remarks>
/// Each action takes effect today (the organisation's day). Repeating an action the same day changes nothing (the
/// same extension, a pause already begun today, a resume already done today). An action the rules refuse is a
/// <see cref="ConflictException"/> whose message says why and what to do.
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

    /// <summary>Extends the period by <paramref name="months"/> (1 or 2) for <paramref name="reason"/>, which will be told to the subject.</summary>
    public async Task<RequestStatusView> ExtendAsync(string requestId, int months, string reason, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        reason = SafeText.FreeText(reason, "reason", 500);
        officer = SafeText.Actor(officer, "officer");
        var today = Today();
        var extension = new DeadlineExtension(months, reason, today);
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            var state = RunningClock(current);
            if (state.Extensions.Contains(extension))
            {
                return null;
            }

            var firstPeriod = _deadlines.Compute(state with { Extensions = [], Pauses = state.Pauses.Where(p => !p.IsOpen).ToList() });
            var notice = new ExtensionNotice(today, firstPeriod.DueDate ?? today);
            var extended = _deadlines.WithDueDate(state with
            {
                Extensions = [.. state.Extensions, extension],
                ExtensionNotices = [.. state.ExtensionNotices, notice],
            });
            return current with { Deadline = extended };
        }, cancellationToken);

        var after = change.After.Deadline;
        var index = after.Extensions.ToList().IndexOf(extension);
        var tellBy = index >= 0 && index < after.ExtensionNotices.Count ? after.ExtensionNotices[index].TellSubjectBy : today;
        await _audit.AppendOnceAsync(requestId, new AuditEventDraft(AuditEventType.DeadlineExtended, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("deadline", requestId, "extend", Iso(today), months.ToString(CultureInfo.InvariantCulture), reason),
            Details = new Dictionary<string, string>
            {
                ["months"] = months.ToString(CultureInfo.InvariantCulture),
                ["reason"] = reason,
                ["dueDate"] = after.DueDate is { } due ? Iso(due) : "clock-stopped",
                ["subjectMustBeTold"] = "true",
                ["tellSubjectBy"] = Iso(tellBy),
            },
        }, cancellationToken);
        return View(change.After);
    }

    /// <summary>Stops the clock today: clarification was asked for.</summary>
    public async Task<RequestStatusView> PauseAsync(string requestId, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        officer = SafeText.Actor(officer, "officer");
        var today = Today();
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            var state = RunningClock(current);
            if (state.IsClockStopped && state.Pauses[^1].From == today)
            {
                return null;
            }

            var stopped = ErasureDeadlines.Guard(() => _deadlines.Calculator.StopClock(_deadlines.Compute(state), today));
            return current with { Deadline = state with { Pauses = stopped.Pauses, DueDate = stopped.DueDate } };
        }, cancellationToken);

        await _audit.AppendOnceAsync(requestId, new AuditEventDraft(AuditEventType.DeadlinePaused, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("deadline", requestId, "pause", Iso(today)),
            Details = new Dictionary<string, string> { ["from"] = Iso(today) },
        }, cancellationToken);
        return View(change.After);
    }

    /// <summary>Restarts the clock today: the clarification arrived. The paused days are added to the deadline.</summary>
    public async Task<RequestStatusView> ResumeAsync(string requestId, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        officer = SafeText.Actor(officer, "officer");
        var today = Today();
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            var state = RunningClock(current);
            if (!state.IsClockStopped && state.Pauses.Count > 0 && state.Pauses[^1].Until == today)
            {
                return null;
            }

            var resumed = ErasureDeadlines.Guard(() => _deadlines.Calculator.ResumeClock(_deadlines.Compute(state), today));
            return current with { Deadline = state with { Pauses = resumed.Pauses, DueDate = resumed.DueDate } };
        }, cancellationToken);

        var after = change.After.Deadline;
        await _audit.AppendOnceAsync(requestId, new AuditEventDraft(AuditEventType.DeadlineResumed, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("deadline", requestId, "resume", Iso(today)),
            Details = new Dictionary<string, string>
            {
                ["until"] = Iso(today),
                ["pausedDays"] = after.Pauses.Sum(p => p.Days).ToString(CultureInfo.InvariantCulture),
                ["dueDate"] = after.DueDate is { } due ? Iso(due) : "clock-stopped",
            },
        }, cancellationToken);
        return View(change.After);
    }

    /// <summary>Records that the subject was told about every extension not yet told.</summary>
    public async Task<RequestStatusView> RecordExtensionToldAsync(string requestId, string officer, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        officer = SafeText.Actor(officer, "officer");
        var change = await _requests.UpdateAsync(requestId, current =>
        {
            var notices = current.Deadline.ExtensionNotices;
            if (notices.Count == 0)
            {
                throw new ConflictException($"Request {requestId} has no extension to tell the subject about.");
            }

            if (notices.All(n => n.ToldAt is not null))
            {
                return null;
            }

            var now = _time.GetUtcNow();
            var told = notices.Select(n => n.ToldAt is null ? n with { ToldAt = now, ToldBy = officer } : n).ToList();
            return current with { Deadline = current.Deadline with { ExtensionNotices = told } };
        }, cancellationToken);

        var count = change.After.Deadline.ExtensionNotices.Count;
        await _audit.AppendOnceAsync(requestId, new AuditEventDraft(AuditEventType.ExtensionToldToSubject, officer)
        {
            IdempotencyKey = IdempotencyKeys.For("deadline", requestId, "told", count.ToString(CultureInfo.InvariantCulture)),
            Details = new Dictionary<string, string> { ["extensions"] = count.ToString(CultureInfo.InvariantCulture) },
        }, cancellationToken);
        return View(change.After);
    }

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
