using System.Globalization;
using System.Text;
using System.Text.Json;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.WebConsole.Html;
using Gdpr.Workflows.WebConsole.Queue;
using Gdpr.Workflows.WebConsole.Security;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Pages;

/// <summary>
/// <c>GET /console/audit</c>: the audit history by request, subject or period (as <c>gdpr history</c>), every chain
/// verified (as <c>gdpr audit verify --all</c>), and the period streamed as CSV or JSON lines (as <c>gdpr export</c>).
/// Read only, for officers and auditors.
/// </summary>
public static class AuditPage
{
    private const int PageSize = 200;

    public static async Task HandleAsync(ConsoleApp app, HttpContext context)
    {
        var session = await app.RequireAsync(context, s => !s.IsSystem);
        if (session is null)
        {
            return;
        }

        var query = context.Request.Query;
        var html = app.Begin("Audit", session, "audit");
        app.WriteFlash(html, session);
        var today = app.Today;
        var from = query["from"].ToString();
        var to = query["to"].ToString();
        Form(html, query, today);
        try
        {
            if (query["request"].ToString() is { Length: > 0 } requestId)
            {
                await ByRequestAsync(app, html, requestId, context.RequestAborted);
            }
            else if (query["subject"].ToString() is { Length: > 0 } subject)
            {
                await BySubjectAsync(app, html, subject, context.RequestAborted);
            }
            else if (from.Length > 0)
            {
                await ByPeriodAsync(app, html, query, Day(from, "From"), to.Length > 0 ? Day(to, "To") : Day(from, "From"), context.RequestAborted);
            }
        }
        catch (FormatException e)
        {
            html.Element("p", e.Message, ("class", "error"), ("role", "alert"));
        }

        await Layout.WriteAsync(context, Layout.End(html));
    }

    /// <summary><c>GET /console/audit/verify</c>: every request's chain checked; a broken one is named with its event.</summary>
    public static async Task VerifyAllAsync(ConsoleApp app, HttpContext context)
    {
        var session = await app.RequireAsync(context, s => !s.IsSystem);
        if (session is null)
        {
            return;
        }

        var result = await app.Backend.Cli.RunAsync(["audit", "verify", "--all", "--json"], cancellationToken: context.RequestAborted);
        var html = app.Begin("Audit chains", session, "audit");
        try
        {
            using var json = JsonDocument.Parse(result.Output);
            var root = json.RootElement;
            var requests = root.GetProperty("requests").GetInt32();
            var events = root.GetProperty("events").GetInt32();
            if (root.GetProperty("verified").GetBoolean())
            {
                html.Element("p", $"verified: {requests} request(s), {events} event(s), every chain intact.", ("id", "chain-status"), ("class", "chain-ok"), ("role", "status"));
            }
            else
            {
                var broken = root.GetProperty("broken").EnumerateArray().ToList();
                html.Element("p", $"broken: {broken.Count} of {requests} chain(s).", ("id", "chain-status"), ("class", "chain-broken"), ("role", "alert"));
                html.Open("ul", ("id", "broken"));
                foreach (var b in broken)
                {
                    var id = b.GetProperty("requestId").GetString() ?? string.Empty;
                    html.Open("li").Element("a", id, ("href", "/console/requests/" + Uri.EscapeDataString(id)))
                        .Text($" at event #{b.GetProperty("sequence").GetInt64()} ({b.GetProperty("kind").GetString()}): {b.GetProperty("description").GetString()}").Close("li");
                }

                html.Close("ul");
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            html.Element("p", "The chains could not be verified: " + RequestActions.FirstLine(result.Error, "no answer."), ("class", "error"), ("role", "alert"));
        }

        html.Open("p").Element("a", "Back to the audit history", ("href", "/console/audit")).Close("p");
        await Layout.WriteAsync(context, Layout.End(html));
    }

    /// <summary><c>GET /console/audit/export?format=csv|jsonl&amp;from&amp;to[&amp;system]</c>: streamed by <c>gdpr export</c>, page by page.</summary>
    public static async Task ExportAsync(ConsoleApp app, HttpContext context)
    {
        var session = await app.RequireAsync(context, s => !s.IsSystem);
        if (session is null)
        {
            return;
        }

        var query = context.Request.Query;
        var format = query["format"].ToString();
        DateOnly first;
        DateOnly last;
        try
        {
            first = Day(query["from"].ToString(), "From");
            last = Day(query["to"].ToString(), "To");
        }
        catch (FormatException e)
        {
            await app.MessageAsync(context, session, StatusCodes.Status400BadRequest, "Bad period", e.Message);
            return;
        }

        if (format is not ("csv" or "jsonl") || last < first)
        {
            await app.MessageAsync(context, session, StatusCodes.Status400BadRequest, "Bad export", "Choose csv or jsonl, and a period whose last day is not before its first.");
            return;
        }

        List<string> arguments = ["export", "--format=" + format, "--from=" + Iso(first), "--to=" + Iso(last)];
        if (query["system"].ToString() is { Length: > 0 } system && app.SystemNames.Contains(system, StringComparer.Ordinal))
        {
            arguments.Add("--system=" + system);
        }

        Layout.SecurityHeaders(context.Response);
        context.Response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{Iso(first)}-{Iso(last)}.{format}\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await app.Backend.Cli.RunAsync(arguments, writer, context.RequestAborted);
        await writer.FlushAsync(context.RequestAborted);
    }

    private static async Task ByRequestAsync(ConsoleApp app, HtmlWriter html, string requestId, CancellationToken cancellationToken)
    {
        if (!RequestIds.IsWellFormed(requestId))
        {
            html.Element("p", "That is not a request id.", ("class", "error"), ("role", "alert"));
            return;
        }

        var events = await app.Backend.Audit.ReadAsync(requestId, cancellationToken);
        var verification = AuditChainVerifier.Verify(events);
        html.Element("h2", "Request " + requestId);
        html.Element("p", events.Count == 0 ? "broken: no audit event was recorded for this request." : verification.Ok
                ? $"verified: the hash chain of {events.Count} event(s) is intact."
                : $"broken at event #{verification.Break!.Sequence}: {verification.Break.Description}",
            ("id", "chain-status"), ("class", verification.Ok && events.Count > 0 ? "chain-ok" : "chain-broken"), ("role", "status"));
        Events(html, events);
    }

    private static async Task BySubjectAsync(ConsoleApp app, HtmlWriter html, string subject, CancellationToken cancellationToken)
    {
        SubjectIdentifier identifier;
        try
        {
            identifier = QueueQuery.Identifier(subject);
        }
        catch (InvalidSubjectIdentifierException e)
        {
            html.Element("p", "That is not a subject identifier: " + e.Message, ("class", "error"), ("role", "alert"));
            return;
        }

        if (app.Backend.Hasher is not { } hasher)
        {
            html.Element("p", app.Backend.HasherUnavailable, ("class", "error"), ("role", "alert"), ("id", "subject-unavailable"));
            return;
        }

        var hash = await hasher.HashAsync(identifier, cancellationToken);
        var page = await app.Backend.Requests.QueryBySubjectHashAsync(hash, 50, null, cancellationToken);
        html.Element("h2", $"{page.Items.Count} request(s) about this subject{(page.ContinuationToken is null ? string.Empty : " (the first 50)")}");
        var events = new List<AuditEvent>();
        foreach (var request in page.Items)
        {
            events.AddRange(await app.Backend.Audit.ReadAsync(request.RequestId, cancellationToken));
        }

        Events(html, events);
    }

    private static async Task ByPeriodAsync(ConsoleApp app, HtmlWriter html, IQueryCollection query, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        if (last < first || last.DayNumber - first.DayNumber + 1 > IAuditHistoryStore.MaxDays)
        {
            html.Element("p", $"Give a period of 1 to {IAuditHistoryStore.MaxDays} days whose last day is not before its first.", ("class", "error"), ("role", "alert"));
            return;
        }

        var system = query["system"].ToString() is { Length: > 0 } s ? s : null;
        var after = query["after"].ToString() is { Length: > 0 } a ? a : null;
        AuditEventPage page;
        try
        {
            page = await app.Backend.AuditHistory.QueryByDaysAsync(first, last, system, PageSize, after, cancellationToken);
        }
        catch (ArgumentException)
        {
            html.Element("p", "The page position or the system is not valid for this period; start again.", ("class", "error"), ("role", "alert"));
            return;
        }

        html.Element("h2", $"{Iso(first)} to {Iso(last)}{(system is null ? string.Empty : ", system " + system)}");
        Events(html, page.Items);
        if (page.ContinuationToken is not null)
        {
            var next = QueryString.Create(new KeyValuePair<string, string?>[] { new("from", Iso(first)), new("to", Iso(last)), new("system", system ?? string.Empty), new("after", page.ContinuationToken) });
            html.Open("p").Element("a", "Next page", ("href", "/console/audit" + next), ("rel", "next")).Close("p");
        }
    }

    private static void Events(HtmlWriter html, IReadOnlyList<AuditEvent> events)
    {
        if (events.Count == 0)
        {
            html.Element("p", "No audit events match.", ("class", "empty"));
            return;
        }

        html.Open("table", ("class", "grid"), ("id", "events"));
        html.Open("thead").Open("tr");
        foreach (var heading in new[] { "Request", "#", "When", "Event", "Actor", "System", "Details" })
        {
            html.Element("th", heading, ("scope", "col"));
        }

        html.Close("tr").Close("thead").Open("tbody");
        foreach (var e in events)
        {
            html.Open("tr");
            html.Open("td").Element("a", e.RequestId, ("href", "/console/requests/" + Uri.EscapeDataString(e.RequestId))).Close("td");
            html.Element("td", e.Sequence.ToString(CultureInfo.InvariantCulture));
            html.Element("td", Formats.Time(e.OccurredAt));
            html.Element("td", e.Type.Name);
            html.Element("td", e.Actor);
            html.Element("td", e.System ?? "-");
            html.Element("td", string.Join(", ", e.Details.Select(d => $"{d.Key}: {d.Value}")));
            html.Close("tr");
        }

        html.Close("tbody").Close("table");
    }

    private static void Form(HtmlWriter html, IQueryCollection query, DateOnly today)
    {
        html.Open("form", ("method", "get"), ("action", "/console/audit"), ("class", "filters"), ("aria-label", "Audit history"));
        Input(html, "request", "Request id", "text", query["request"]);
        Input(html, "subject", "or subject (email, phone, customer id)", "text", query["subject"]);
        Input(html, "from", "or from", "date", query["from"]);
        Input(html, "to", "to", "date", query["to"]);
        Input(html, "system", "system (optional)", "text", query["system"]);
        html.Element("button", "Show history", ("type", "submit"));
        html.Close("form");

        html.Open("p", ("class", "links"));
        html.Element("a", "Verify every audit chain", ("href", "/console/audit/verify"), ("id", "verify-all"));
        html.Close("p");

        var first = query["from"].ToString() is { Length: > 0 } f ? f : Iso(today.AddDays(-29));
        var last = query["to"].ToString() is { Length: > 0 } t ? t : Iso(today);
        html.Open("form", ("method", "get"), ("action", "/console/audit/export"), ("class", "filters"), ("aria-label", "Download the audit events of a period"));
        html.Element("span", "Download a period:", ("class", "label"));
        Input(html, "export-from", "from", "date", first, "from");
        Input(html, "export-to", "to", "date", last, "to");
        html.Element("label", "format", ("for", "export-format"));
        html.Open("select", ("id", "export-format"), ("name", "format"));
        html.Element("option", "CSV", ("value", "csv")).Element("option", "JSON lines", ("value", "jsonl"));
        html.Close("select");
        html.Element("button", "Download", ("type", "submit"), ("id", "export"));
        html.Close("form");
    }

    private static void Input(HtmlWriter html, string id, string label, string type, string? value, string? name = null)
    {
        html.Element("label", label, ("for", id));
        html.Void("input", ("type", type), ("id", id), ("name", name ?? id), ("value", value ?? string.Empty));
    }

    private static DateOnly Day(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new FormatException($"{field} must be a date (YYYY-MM-DD).");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
