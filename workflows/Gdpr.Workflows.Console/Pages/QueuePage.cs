using System.Text;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.WebConsole.Html;
using Gdpr.Workflows.WebConsole.Queue;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Pages;

/// <summary><c>GET /</c>: the open requests by deadline, with filters, search, keyset paging and a CSV of the page.</summary>
public static class QueuePage
{
    private static readonly RequestStatus[] OpenStatuses = [RequestStatus.Received, RequestStatus.AwaitingVerification, RequestStatus.InProgress];

    public static async Task HandleAsync(ConsoleApp app, HttpContext context)
    {
        if (app.Sessions.Find(context.Request) is { IsSystem: true })
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = "/console/tasks";
            return;
        }

        var session = await app.RequireAsync(context);
        if (session is null)
        {
            return;
        }

        var filter = QueueFilter.Read(context.Request.Query, out var problem);
        var today = app.Today;
        var page = problem is null ? await app.Queue.PageAsync(filter, app.Options.PageSize, today, context.RequestAborted) : new QueueResult([], null, string.Empty, null);

        var html = app.Begin("Requests", session, "queue");
        app.WriteFlash(html, session);
        Filters(html, filter);
        if (problem is not null)
        {
            html.Element("p", problem, ("class", "error"), ("role", "alert"));
        }

        if (page.Note is not null)
        {
            html.Element("p", page.Note, ("class", "note"));
        }

        html.Open("table", ("id", "queue"), ("class", "grid"));
        html.Element("caption", $"{page.Rows.Count} request(s) on this page, {page.Order}");
        html.Open("thead").Open("tr");
        foreach (var heading in new[] { "Request", "Status", "Received", "Channel", "Deadline", "Days left", "Systems" })
        {
            html.Element("th", heading, ("scope", "col"));
        }

        html.Close("tr").Close("thead").Open("tbody");
        foreach (var request in page.Rows)
        {
            var days = Formats.DaysLeft(request, today);
            html.Open("tr", ("data-request-id", request.RequestId));
            html.Open("th", ("scope", "row")).Element("a", request.RequestId, ("href", "/console/requests/" + Uri.EscapeDataString(request.RequestId))).Close("th");
            html.Element("td", Formats.Words(request.Status.Name()));
            html.Element("td", Formats.Time(request.ReceivedAt));
            html.Element("td", request.Channel);
            html.Element("td", Formats.Date(request.Deadline.DueDate) + (request.Deadline.IsProvisional && request.IsOpen ? " (verify by)" : string.Empty));
            html.Open("td").Element("span", request.IsOpen ? Formats.DaysText(days) : Formats.Words(request.Status.Name()), ("class", "days " + Formats.DaysClass(days))).Close("td");
            html.Element("td", Formats.Systems(request));
            html.Close("tr");
        }

        html.Close("tbody").Close("table");
        if (page.Rows.Count == 0 && problem is null)
        {
            html.Element("p", "No request matches.", ("class", "empty"));
        }

        html.Open("nav", ("class", "pager"), ("aria-label", "Pages"));
        if (filter.After is not null)
        {
            html.Element("a", "First page", ("href", "/" + filter.QueryString()));
        }

        if (page.Next is not null)
        {
            html.Element("a", "Next page", ("href", "/" + filter.QueryString(page.Next)), ("rel", "next"), ("id", "next-page"));
        }

        html.Element("a", "Download this page as CSV", ("href", "/console/queue.csv" + filter.QueryString(filter.After)), ("id", "csv"));
        html.Close("nav");
        await Layout.WriteAsync(context, Layout.End(html));
    }

    /// <summary><c>GET /console/queue.csv</c>: exactly the rows the same query string shows.</summary>
    public static async Task CsvAsync(ConsoleApp app, HttpContext context)
    {
        var session = await app.RequireAsync(context, s => !s.IsSystem);
        if (session is null)
        {
            return;
        }

        var filter = QueueFilter.Read(context.Request.Query, out var problem);
        if (problem is not null)
        {
            await app.MessageAsync(context, session, StatusCodes.Status400BadRequest, "Bad filter", problem);
            return;
        }

        var today = app.Today;
        var page = await app.Queue.PageAsync(filter, app.Options.PageSize, today, context.RequestAborted);
        var csv = new StringBuilder("requestId,status,receivedAt,channel,deadline,provisional,daysLeft,systems\n");
        foreach (var r in page.Rows)
        {
            csv.AppendJoin(',', Csv(r.RequestId), r.Status.Name(), r.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                Csv(r.Channel), Formats.Date(r.Deadline.DueDate), r.Deadline.IsProvisional ? "true" : "false",
                Formats.DaysLeft(r, today)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, Csv(Formats.Systems(r))).Append('\n');
        }

        Layout.SecurityHeaders(context.Response);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"requests.csv\"";
        await context.Response.WriteAsync(csv.ToString(), context.RequestAborted);
    }

    /// <summary>A CSV field, quoted when needed; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.</summary>
    public static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static void Filters(HtmlWriter html, QueueFilter filter)
    {
        html.Open("form", ("method", "get"), ("action", "/"), ("class", "filters"), ("role", "search"), ("aria-label", "Filter and search requests"));
        html.Element("label", "Search: request id, email, phone or customer id", ("for", "q"));
        html.Void("input", ("type", "search"), ("id", "q"), ("name", "q"), ("value", filter.Search ?? string.Empty), ("autocomplete", "off"));
        html.Element("label", "Status", ("for", "status"));
        html.Open("select", ("id", "status"), ("name", "status"));
        html.Element("option", "Any open", ("value", string.Empty));
        foreach (var status in OpenStatuses)
        {
            html.Element("option", Formats.Words(status.Name()), ("value", status.Name()), ("selected", filter.Status == status ? string.Empty : null));
        }

        html.Close("select");
        html.Element("label", "Due within (days)", ("for", "within"));
        html.Void("input", ("type", "number"), ("id", "within"), ("name", "within"), ("min", "0"), ("max", QueueFilter.MaxWithinDays.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("value", filter.Within?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
        Check(html, "overdue", "Overdue only", filter.Overdue);
        Check(html, "awaiting", "Awaiting verification", filter.Status == RequestStatus.AwaitingVerification);
        html.Element("label", "Systems", ("for", "systems"));
        html.Open("select", ("id", "systems"), ("name", "systems"));
        html.Element("option", "Any", ("value", string.Empty));
        html.Element("option", "A system failed", ("value", "failed"), ("selected", filter.Systems == SystemTrouble.Failed ? string.Empty : null));
        html.Element("option", "A system is not responding", ("value", "noresponse"), ("selected", filter.Systems == SystemTrouble.NotResponding ? string.Empty : null));
        html.Close("select");
        html.Element("button", "Apply", ("type", "submit"));
        html.Element("a", "Clear", ("href", "/"));
        html.Close("form");
    }

    private static void Check(HtmlWriter html, string name, string label, bool on)
    {
        html.Open("span", ("class", "check"));
        html.Void("input", ("type", "checkbox"), ("id", name), ("name", name), ("value", "1"), ("checked", on ? string.Empty : null));
        html.Element("label", label, ("for", name));
        html.Close("span");
    }
}
