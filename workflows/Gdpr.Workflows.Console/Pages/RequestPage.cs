using System.Globalization;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.WebConsole.Html;
using Gdpr.Workflows.WebConsole.Queue;
using Gdpr.Workflows.WebConsole.Security;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Pages;

/// <summary>
/// <c>GET /console/requests/{id}</c>: status, the deadline and how it was computed, the identity check, one row per
/// system, the audit timeline with its chain checked, and (for officers) the actions.
/// </summary>
public static class RequestPage
{
    public static async Task HandleAsync(ConsoleApp app, HttpContext context, string id)
    {
        var session = await app.RequireAsync(context, s => !s.IsSystem);
        if (session is null)
        {
            return;
        }

        var request = RequestIds.IsWellFormed(id) ? await app.Backend.Requests.GetAsync(id, context.RequestAborted) : null;
        if (request is null)
        {
            await app.MessageAsync(context, session, StatusCodes.Status404NotFound, "Not found", "There is no request with this id.");
            return;
        }

        var backend = app.Backend;
        var view = await backend.Status.GetAsync(id, context.RequestAborted);
        RequestHistory? history = null;
        try
        {
            history = await backend.History.GetAsync(id, context.RequestAborted);
        }
        catch (NotFoundException)
        {
            // A request stored without any audit event yet: the timeline says so.
        }

        var html = app.Begin("Request " + id, session, "queue");
        html.Open("div", ("id", "live"), ("data-live", "/console/requests/" + Uri.EscapeDataString(id) + "/live"), ("data-version", request.Version.ToString(CultureInfo.InvariantCulture)));
        app.WriteFlash(html, session);
        Summary(html, view);
        DeadlineSection(html, app, request, view.Deadline);
        Identity(html, view.Verification);
        Systems(html, app, session, request);
        if (session.IsOfficer)
        {
            Actions(html, app, session, request, app.TakeDraft(session, id));
        }

        ReplyPage.Section(html, app, session, request, history?.Events.LastOrDefault(e => e.Type == "ReplySent")?.Details);
        Timeline(html, history);
        html.Close("div");
        await Layout.WriteAsync(context, Layout.End(html));
    }

    /// <summary><c>GET /console/requests/{id}/live</c>: the version and status, polled by the page to refresh itself while the workflow runs.</summary>
    public static async Task LiveAsync(ConsoleApp app, HttpContext context, string id)
    {
        var session = app.Sessions.Find(context.Request);
        if (session is null || session.IsSystem)
        {
            context.Response.StatusCode = session is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            return;
        }

        var request = RequestIds.IsWellFormed(id) ? await app.Backend.Requests.GetAsync(id, context.RequestAborted) : null;
        Layout.SecurityHeaders(context.Response);
        if (request is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await context.Response.WriteAsJsonAsync(new { version = request.Version, status = request.Status.Name() }, context.RequestAborted);
    }

    private static void Summary(HtmlWriter html, RequestStatusView view)
    {
        html.Open("dl", ("class", "facts"), ("id", "summary"));
        Fact(html, "Status", Formats.Words(view.Status), "status");
        Fact(html, "Received", Formats.Time(view.ReceivedAt));
        Fact(html, "Channel", view.Channel);
        Fact(html, "Jurisdiction", view.Jurisdiction);
        if (view.Outcome is { } outcome)
        {
            Fact(html, "Closed", $"{Formats.Time(outcome.ClosedAt)} by {outcome.RecordedBy}{(outcome.Error is null ? string.Empty : " (" + outcome.Error + ")")}");
        }

        html.Close("dl");
    }

    private static void DeadlineSection(HtmlWriter html, ConsoleApp app, ErasureRequest request, DeadlineView deadline)
    {
        html.Open("section", ("aria-labelledby", "deadline-h"), ("id", "deadline")).Element("h2", "Deadline", ("id", "deadline-h"));
        var days = Formats.DaysLeft(request, app.Today);
        html.Open("p", ("class", "due"));
        html.Text(deadline.Provisional ? "Identity must be verified by " : "Respond by ").Element("strong", Formats.Date(deadline.DueDate), ("id", "due-date"));
        if (request.IsOpen)
        {
            html.Text(" ").Element("span", Formats.DaysText(days), ("class", "days " + Formats.DaysClass(days)));
        }

        html.Close("p");
        html.Element("h3", "How it was computed");
        html.Open("dl", ("class", "facts"));
        Fact(html, "Received on", Formats.Date(deadline.ReceivedOn));
        Fact(html, "Clock started", request.Deadline.ClockStart is { } start ? $"{Formats.Date(start.Date)}: {start.Describe()}" : "not yet: identity verification awaited");
        Fact(html, "Pauses", deadline.Pauses.Count == 0 ? "none" : string.Join("; ", deadline.Pauses.Select(p => p.Until is { } until
            ? $"{Formats.Date(p.From)} to {Formats.Date(until)} ({until.DayNumber - p.From.DayNumber + 1} days, both counted)"
            : $"since {Formats.Date(p.From)}, clarification awaited (clock stopped)")));
        Fact(html, "Extensions", deadline.Extensions.Count == 0 ? "none" : string.Join("; ", deadline.Extensions.Select(e =>
            $"{e.Months} month(s) decided {Formats.Date(e.DecidedOn)}: {e.Reason}{(e.Detail is { Length: > 0 } detail ? " (" + detail + ")" : string.Empty)}; "
            + (e.ToldOn is { } toldOn ? $"subject told on {Formats.Date(toldOn)}" : e.ToldAt is { } told ? "subject told " + Formats.Time(told) : $"not in effect until the subject is told (by {Formats.Date(e.TellSubjectBy)})"))));
        Deadline? computed = null;
        try
        {
            computed = app.Backend.Deadlines.Compute(request.Deadline);
        }
        catch (ErasureException)
        {
            // Said by the explanation below.
        }

        if (computed is not null)
        {
            Fact(html, "Base date", Formats.Date(computed.BaseDate) + (computed.PausedDays > 0 ? $", plus {computed.PausedDays} paused day(s)" : string.Empty));
            Fact(html, "Non-working days skipped", computed.MovedPast.Count == 0 ? "none" : string.Join("; ", computed.MovedPast.Select(d => $"{Formats.Date(d.Date)} ({d.Reason})")));
        }

        html.Close("dl");
        html.Open("ol", ("class", "explanation"));
        foreach (var line in deadline.Explanation)
        {
            html.Element("li", line);
        }

        html.Close("ol").Close("section");
    }

    private static void Identity(HtmlWriter html, VerificationView verification)
    {
        html.Open("section", ("aria-labelledby", "identity-h"), ("id", "identity")).Element("h2", "Identity check", ("id", "identity-h"));
        html.Open("dl", ("class", "facts"));
        Fact(html, "State", Formats.Words(verification.State), "identity-state");
        if (verification.Method is not null)
        {
            Fact(html, "Method", verification.Method);
        }

        if (verification.Reason is not null)
        {
            Fact(html, "Reason", verification.Reason);
        }

        if (verification.DecidedAt is not null)
        {
            Fact(html, "Decided", $"{Formats.Time(verification.DecidedAt)}{(verification.DecidedBy is null ? string.Empty : " by " + verification.DecidedBy)}");
        }

        html.Close("dl").Close("section");
    }

    private static void Systems(HtmlWriter html, ConsoleApp app, ConsoleSession session, ErasureRequest request)
    {
        var registry = app.Backend.Registry;
        var waiting = (app.Backend.Host?.Inbox.Open(requestId: request.RequestId) ?? []).Select(t => t.System).ToHashSet(StringComparer.Ordinal);
        html.Open("section", ("aria-labelledby", "systems-h"), ("id", "systems")).Element("h2", "Systems", ("id", "systems-h"));
        html.Open("table", ("class", "grid"), ("id", "system-table"));
        html.Open("thead").Open("tr");
        foreach (var heading in new[] { "System", "State", "Attempts", "Last error", "Retained (ground, until)", "Art. 19 recipients", session.IsOfficer ? "Action" : null })
        {
            if (heading is not null)
            {
                html.Element("th", heading, ("scope", "col"));
            }
        }

        html.Close("tr").Close("thead").Open("tbody");
        var names = request.Systems.Select(s => s.System).Concat(registry?.Systems.Select(s => s.Name) ?? []).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var state = request.FindSystem(name);
            var definition = registry?.Find(name);
            html.Open("tr", ("data-system", name));
            html.Element("th", name + (definition is null ? string.Empty : $" ({definition.ModeName})"), ("scope", "row"));
            var stateText = state is null ? "not reported yet" : Formats.Words(state.Status.ToString());
            if (waiting.Contains(name))
            {
                stateText += " (task waiting for its answer)";
            }

            html.Element("td", stateText, ("class", "state"));
            html.Element("td", state?.Attempts.ToString(CultureInfo.InvariantCulture) ?? "0");
            html.Element("td", state?.LastError ?? "-");
            html.Element("td", state?.RetentionGround is { } ground ? $"{ground.Article()} until {Formats.Date(state.RetainUntil)}" : "-");
            html.Element("td", Recipients(definition, state));
            if (session.IsOfficer)
            {
                html.Open("td");
                if (state is { Status: SystemErasureStatus.Failed } && definition is { Mode: ErasureMode.Sync })
                {
                    ActionForm(html, session, request.RequestId, "retry", "Retry " + name, "retry-" + name, h => h.Void("input", ("type", "hidden"), ("name", "system"), ("value", name)));
                }

                html.Close("td");
            }

            html.Close("tr");
        }

        html.Close("tbody").Close("table").Close("section");
    }

    private static string Recipients(SystemDefinition? definition, SystemErasureState? state)
    {
        var names = definition is null || definition.Recipients.Count == 0 ? "none" : string.Join(", ", definition.Recipients.Select(r => r.Name));
        return state?.Recipients is { } told ? $"{names}: {Formats.Words(told.Status.ToString())}{(told.Reason is null ? string.Empty : " (" + told.Reason + ")")}" : names;
    }

    private static void Actions(HtmlWriter html, ConsoleApp app, ConsoleSession session, ErasureRequest request, (string Action, IReadOnlyDictionary<string, string> Fields)? draft)
    {
        html.Open("section", ("aria-labelledby", "actions-h"), ("id", "actions")).Element("h2", "Actions", ("id", "actions-h"));
        var id = request.RequestId;
        if (!request.IsOpen)
        {
            if (request.Systems.Any(s => s.Status == SystemErasureStatus.Failed))
            {
                ActionForm(html, session, id, "retry", "Retry the failed systems (reopens the request)", "retry-all", null);
            }
            else
            {
                html.Element("p", "The request is closed: nothing can be changed.");
            }

            html.Close("section");
            return;
        }

        if (request.Verification.State == VerificationState.Awaiting)
        {
            ActionForm(html, session, id, "verify", "Identity verified", "verify", h => Field(h, "method", "How it was verified (a code, e.g. id-document)", "id-document"));
            ActionForm(html, session, id, "reject", "Reject the identity", "reject", h => Field(h, "reason", "Why (a code, e.g. documents-mismatch)", null));
        }

        var refusal = ExtensionRefusal(app, request);
        ActionForm(html, session, id, "extend", "Extend the deadline", "extend", h =>
        {
            h.Element("label", "Months", ("for", "extend-months"));
            h.Open("select", ("id", "extend-months"), ("name", "months"), ("disabled", refusal is null ? null : string.Empty));
            h.Element("option", "1", ("value", "1")).Element("option", "2", ("value", "2"));
            h.Close("select");
            // Art. 12(3) allows an extension only for complex or numerous requests; the detail says more to the subject.
            h.Element("label", "Reason told to the subject", ("for", "extend-reason"));
            h.Open("select", ("id", "extend-reason"), ("name", "reason"), ("disabled", refusal is null ? null : string.Empty));
            h.Element("option", "complex", ("value", "complex")).Element("option", "numerous", ("value", "numerous"));
            h.Close("select");
            Field(h, "detail", "Detail told to the subject", null, "extend-detail", refusal is not null);
        }, refusal);

        if (request.Deadline.IsClockStopped)
        {
            ActionForm(html, session, id, "resume", "Resume the clock (clarification arrived)", "resume", null);
        }
        else
        {
            ActionForm(html, session, id, "pause", "Pause the clock (awaiting clarification)", "pause", null,
                request.Deadline.ClockStart is null ? "The clock has not started: the identity is not verified yet." : null);
        }

        ActionForm(html, session, id, "cancel", "Cancel the request", "cancel", h => Field(h, "reason", "Why (a code, e.g. withdrawn-by-subject)", "withdrawn-by-subject", "cancel-reason"));
        ActionForm(html, session, id, "retry", "Retry: make sure the workflow runs", "retry-all", null);
        RefusalForm(html, session, id, draft is { Action: "refuse" } kept ? kept.Fields : null);
        html.Close("section");
    }

    /// <summary>
    /// Art. 12(5): refuse a manifestly unfounded or excessive request, as <c>gdpr refuse</c> does: the reason, and the
    /// detail the requester is sent with their right to complain. <paramref name="kept"/> is what the officer typed into a
    /// refused attempt, shown back.
    /// </summary>
    private static void RefusalForm(HtmlWriter html, ConsoleSession session, string id, IReadOnlyDictionary<string, string>? kept)
    {
        var reason = kept?.GetValueOrDefault("reason");
        ActionForm(html, session, id, "refuse", "Refuse the request (Art. 12(5))", "refuse", h =>
        {
            h.Open("fieldset").Element("legend", "Refuse as manifestly");
            foreach (var (value, label) in new[] { ("unfounded", "Unfounded"), ("excessive", "Excessive (e.g. repetitive)") })
            {
                h.Open("span", ("class", "check"));
                h.Void("input", ("type", "radio"), ("name", "reason"), ("value", value), ("id", "refuse-" + value), ("required", string.Empty), ("checked", reason == value ? string.Empty : null));
                h.Element("label", label, ("for", "refuse-" + value));
                h.Close("span");
            }

            h.Close("fieldset");
            h.Element("label", "Detail sent to the requester (why; no email addresses or phone numbers)", ("for", "refuse-detail"));
            h.Element("textarea", kept?.GetValueOrDefault("detail") ?? string.Empty, ("id", "refuse-detail"), ("name", "detail"), ("rows", "4"), ("required", string.Empty),
                ("maxlength", RequestActions.RefusalDetailLimit.ToString(CultureInfo.InvariantCulture)));
            h.Element("p", "The requester is sent the reasons and their right to complain to the ICO; the workflow then stops. This cannot be undone.", ("class", "why"));
        });
    }

    /// <summary>Why an extension cannot be decided now, or null when it can (Art. 12(3): within the first month, two months at most).</summary>
    public static string? ExtensionRefusal(ConsoleApp app, ErasureRequest request)
    {
        var state = request.Deadline;
        if (state.ClockStart is null)
        {
            return "Extension is not possible yet: the clock starts when the identity is verified.";
        }

        if (state.Extensions.Sum(e => e.Months) >= DeadlinePolicy.MaxExtensionMonths)
        {
            return $"Extension is not possible: the deadline was already extended by the maximum {DeadlinePolicy.MaxExtensionMonths} months.";
        }

        try
        {
            var firstMonth = app.Backend.Deadlines.Compute(state with { Extensions = [], Pauses = state.Pauses.Where(p => !p.IsOpen).ToList() });
            if (firstMonth.DueDate is { } end && app.Today > end)
            {
                return $"Extension is not possible: the first month ended on {Formats.Date(end)}, and Art. 12(3) allows extending only within it.";
            }
        }
        catch (ErasureException e)
        {
            return "Extension is not possible: " + e.Message;
        }

        return null;
    }

    /// <summary>A confirmed action: the form posts the anti-forgery token and needs its confirm box ticked.</summary>
    private static void ActionForm(HtmlWriter html, ConsoleSession session, string requestId, string action, string label, string key, Action<HtmlWriter>? fields, string? disabledBecause = null)
    {
        html.Open("form", ("method", "post"), ("action", $"/console/requests/{Uri.EscapeDataString(requestId)}/actions/{action}"), ("class", "action"), ("id", "form-" + key));
        Layout.Csrf(html, session);
        fields?.Invoke(html);
        var disabled = disabledBecause is null ? null : string.Empty;
        html.Open("span", ("class", "check"));
        html.Void("input", ("type", "checkbox"), ("name", "confirm"), ("value", "yes"), ("id", "confirm-" + key), ("required", string.Empty), ("disabled", disabled));
        html.Element("label", "Confirm", ("for", "confirm-" + key));
        html.Close("span");
        html.Element("button", label, ("type", "submit"), ("id", "do-" + key), ("disabled", disabled), ("aria-describedby", disabledBecause is null ? null : "why-" + key));
        if (disabledBecause is not null)
        {
            html.Element("span", disabledBecause, ("class", "why"), ("id", "why-" + key));
        }

        html.Close("form");
    }

    private static void Field(HtmlWriter html, string name, string label, string? value, string? id = null, bool disabled = false)
    {
        id ??= name;
        html.Element("label", label, ("for", id));
        html.Void("input", ("type", "text"), ("id", id), ("name", name), ("value", value), ("required", string.Empty), ("maxlength", "500"), ("disabled", disabled ? string.Empty : null));
    }

    private static void Timeline(HtmlWriter html, RequestHistory? history)
    {
        html.Open("section", ("aria-labelledby", "timeline-h"), ("id", "timeline")).Element("h2", "Audit timeline", ("id", "timeline-h"));
        if (history is null)
        {
            html.Element("p", "broken: no audit event was recorded for this request.", ("id", "chain-status"), ("class", "chain-broken"));
            html.Close("section");
            return;
        }

        html.Element("p", history.ChainIntact
                ? $"verified: the hash chain of {history.Events.Count} event(s) is intact."
                : $"broken: {history.ChainBreak}",
            ("id", "chain-status"), ("class", history.ChainIntact ? "chain-ok" : "chain-broken"), ("role", "status"));
        html.Open("table", ("class", "grid"), ("id", "events"));
        html.Open("thead").Open("tr");
        foreach (var heading in new[] { "#", "When", "Event", "Actor", "System", "Details" })
        {
            html.Element("th", heading, ("scope", "col"));
        }

        html.Close("tr").Close("thead").Open("tbody");
        foreach (var e in history.Events)
        {
            html.Open("tr", ("data-sequence", e.Sequence.ToString(CultureInfo.InvariantCulture)));
            html.Element("td", e.Sequence.ToString(CultureInfo.InvariantCulture));
            html.Element("td", Formats.Time(e.OccurredAt));
            html.Element("td", e.Type);
            html.Element("td", e.Actor);
            html.Element("td", e.System ?? "-");
            html.Element("td", string.Join(", ", e.Details.Select(d => $"{d.Key}: {d.Value}")));
            html.Close("tr");
        }

        html.Close("tbody").Close("table").Close("section");
    }

    private static void Fact(HtmlWriter html, string term, string? value, string? id = null) =>
        html.Element("dt", term).Element("dd", value, ("id", id));
}
