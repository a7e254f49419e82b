using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>The identity check, for officers.</summary>
public sealed record VerificationView(string State, string? Method, string? Reason, DateTimeOffset? DecidedAt, string? DecidedBy);

/// <summary>
/// One extension and whether the subject was told about it: <see cref="InEffect"/> only once told (<see cref="ToldOn"/>)
/// within the first month; until then the deadline stays the original one.
/// </summary>
public sealed record ExtensionView(int Months, string Reason, DateOnly DecidedOn, DateOnly? TellSubjectBy, DateTimeOffset? ToldAt, string? Detail = null, DateOnly? ToldOn = null, bool InEffect = false);

/// <summary>One clock pause; <see cref="Until"/> is null while clarification is awaited; <see cref="Days"/> counts both ends.</summary>
public sealed record PauseView(DateOnly From, DateOnly? Until, string? Reason = null, int Days = 0);

/// <summary>
/// The deadline, for officers: the due date, days left (negative once overdue), and how it was reached.
/// <see cref="Provisional"/>: identity not verified yet, the date bounds the verification.
/// </summary>
public sealed record DeadlineView(
    DateOnly ReceivedOn,
    DateOnly? ClockStartedOn,
    DateOnly? DueDate,
    bool Provisional,
    bool ClockStopped,
    int? DaysLeft,
    bool Overdue,
    IReadOnlyList<ExtensionView> Extensions,
    IReadOnlyList<PauseView> Pauses,
    IReadOnlyList<string> Explanation);

/// <summary>One system's state: outcome, receipt, retention (ground as "Art. 17(3)(b)") and the Art. 19 outcome.</summary>
public sealed record SystemStateView(
    string System,
    string Status,
    int Attempts,
    string? Receipt,
    string? RetentionGround,
    DateOnly? RetainUntil,
    string? LastError,
    string? Recipients,
    string? RecipientsReason,
    int? RecipientCount,
    DateTimeOffset? UpdatedAt);

/// <summary>The final status as stored.</summary>
public sealed record OutcomeView(string Status, ErasureCounts Counts, DateTimeOffset ClosedAt, string RecordedBy, string? Error);

/// <summary>
/// GET /requests/{id}: status, deadline and per-system outcomes. Ids, codes and dates only: no identifier, no subject
/// hash, no task token.
/// </summary>
public sealed record RequestStatusView(
    string RequestId,
    string Status,
    DateTimeOffset ReceivedAt,
    string Channel,
    string Jurisdiction,
    VerificationView Verification,
    DeadlineView Deadline,
    IReadOnlyList<SystemStateView> Systems,
    OutcomeView? Outcome,
    string? ExecutionId,
    DateTimeOffset UpdatedAt);

/// <summary>One line of an officers' list.</summary>
public sealed record RequestSummary(string RequestId, string Status, DateTimeOffset ReceivedAt, DateOnly? DueDate, bool Provisional, int? DaysLeft, bool Overdue);

/// <summary>A page of an officers' list; pass <see cref="ContinuationToken"/> back for the next one (null: the last page).</summary>
public sealed record RequestSummaryPage(IReadOnlyList<RequestSummary> Items, string? ContinuationToken);

/// <summary>Builds the read models from stored requests.</summary>
internal static class RequestViews
{
    public static RequestStatusView Status(ErasureRequest request, ErasureDeadlines deadlines, DateOnly today) => new(
        request.RequestId,
        request.Status.Name(),
        request.ReceivedAt,
        request.Channel,
        request.Jurisdiction,
        new VerificationView(request.Verification.State.ToString(), request.Verification.Method, request.Verification.Reason, request.Verification.DecidedAt, request.Verification.DecidedBy),
        Deadline(request, deadlines, today),
        request.Systems.Select(System).ToList(),
        request.Outcome is { } o ? new OutcomeView(o.Status.Name(), o.Counts, o.ClosedAt, o.RecordedBy, o.Error) : null,
        request.ExecutionId,
        request.UpdatedAt);

    public static RequestSummary Summary(ErasureRequest request, DateOnly today)
    {
        var (daysLeft, overdue) = Days(request, today);
        return new RequestSummary(request.RequestId, request.Status.Name(), request.ReceivedAt, request.Deadline.DueDate, request.Deadline.IsProvisional, daysLeft, overdue);
    }

    /// <summary>Days left while the request is open (negative once overdue); null when closed or the clock is stopped.</summary>
    public static (int? DaysLeft, bool Overdue) Days(ErasureRequest request, DateOnly today)
    {
        if (!request.IsOpen || request.Deadline.DueDate is not { } due)
        {
            return (null, false);
        }

        var left = due.DayNumber - today.DayNumber;
        return (left, left < 0);
    }

    private static DeadlineView Deadline(ErasureRequest request, ErasureDeadlines deadlines, DateOnly today)
    {
        var state = request.Deadline;
        var (daysLeft, overdue) = Days(request, today);
        var explanation = new List<string>();
        if (state.IsProvisional)
        {
            explanation.Add("Identity verification is awaited: the one-month clock starts on the day it is verified; until then the date below is the deadline for verifying.");
        }

        try
        {
            explanation.AddRange(deadlines.Of(request).Compute(state).Explanation);
        }
        catch (ErasureException e)
        {
            explanation.Add($"The deadline cannot be explained: {e.Message}");
        }

        var extensions = deadlines.Of(request).Effective(state).Select((e, i) =>
        {
            var notice = i < state.ExtensionNotices.Count ? state.ExtensionNotices[i] : null;
            return new ExtensionView(e.Months, e.Reason, e.DecidedOn, notice?.TellSubjectBy, notice?.ToldAt, e.Detail, e.ToldOn, e.IsInEffect);
        }).ToList();
        return new DeadlineView(
            state.ReceivedOn,
            state.ClockStart?.Date,
            state.DueDate,
            state.IsProvisional,
            state.IsClockStopped,
            daysLeft,
            overdue,
            extensions,
            state.Pauses.Select(p => new PauseView(p.From, p.Until, p.Reason, p.Days)).ToList(),
            explanation);
    }

    private static SystemStateView System(SystemErasureState state) => new(
        state.System,
        state.Status.ToString(),
        state.Attempts,
        state.Receipt,
        state.RetentionGround?.Article(),
        state.RetainUntil,
        state.LastError,
        state.Recipients?.Status.WireName(),
        state.Recipients?.Reason,
        state.Recipients?.RecipientCount,
        state.UpdatedAt);
}
