using System.Globalization;
using System.Text.Json;
using Gdpr.Workflows.WebConsole.Html;
using Gdpr.Workflows.WebConsole.Reports;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.WebConsole.Pages;

/// <summary>
/// <c>GET /console/report</c>: <c>gdpr report</c>'s figures for a period (answered in time, median days to close,
/// overdue now, extensions) with weekly received/closed and per-system failure and no-response rates, charted as SVG
/// with the numbers beside each chart.
/// </summary>
public static class ReportPage
{
    public static async Task HandleAsync(ConsoleApp app, HttpContext context)
    {
        var session = await app.RequireAsync(context, s => !s.IsSystem);
        if (session is null)
        {
            return;
        }

        var today = app.Today;
        var last = Day(context.Request.Query["to"]) ?? today;
        var first = Day(context.Request.Query["from"]) ?? WeeklyTally.Monday(last).AddDays(-7 * 11);
        var html = app.Begin("Report", session, "report");
        Period(html, first, last);
        if (last < first || last.DayNumber - first.DayNumber > 3 * 366)
        {
            html.Element("p", "Give a period of at most three years whose last day is not before its first.", ("class", "error"), ("role", "alert"));
            await Layout.WriteAsync(context, Layout.End(html), StatusCodes.Status400BadRequest);
            return;
        }

        var result = await app.Backend.Cli.RunAsync(["report", "--json", "--from=" + Iso(first), "--to=" + Iso(last)], cancellationToken: context.RequestAborted);
        try
        {
            using var json = JsonDocument.Parse(result.Output);
            Headline(html, json.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            html.Element("p", "The report could not be computed: " + RequestActions.FirstLine(result.Error, "no answer."), ("class", "error"), ("role", "alert"));
        }

        var (weeks, systems) = await WeeklyTally.ComputeAsync(app.Backend.Requests, app.Backend.Deadlines.Day, first, last, context.RequestAborted);
        Weekly(html, weeks);
        Systems(html, systems);
        await Layout.WriteAsync(context, Layout.End(html));
    }

    private static void Headline(HtmlWriter html, JsonElement report)
    {
        int Int(string name) => report.GetProperty(name).GetInt32();
        var closed = Int("closed");
        var inTime = Int("closedInTime");
        var median = report.GetProperty("medianDaysToClose");
        html.Open("section", ("aria-labelledby", "figures-h")).Element("h2", "Figures", ("id", "figures-h"));
        html.Open("dl", ("class", "facts figures"), ("id", "figures"));
        Fact(html, "Received", Int("received").ToString(CultureInfo.InvariantCulture));
        Fact(html, "Closed", closed.ToString(CultureInfo.InvariantCulture));
        Fact(html, "Answered in time", closed == 0 ? "-" : $"{100.0 * inTime / closed:0.#}% ({inTime} of {closed})");
        Fact(html, "Median days to close", median.ValueKind == JsonValueKind.Number ? median.GetDouble().ToString("0.#", CultureInfo.InvariantCulture) : "-");
        Fact(html, "Open", Int("open").ToString(CultureInfo.InvariantCulture));
        Fact(html, "Overdue now", Int("overdueNow").ToString(CultureInfo.InvariantCulture));
        Fact(html, "Extended", Int("extended").ToString(CultureInfo.InvariantCulture));
        html.Close("dl").Close("section");
    }

    private static void Weekly(HtmlWriter html, IReadOnlyList<WeekCounts> weeks)
    {
        html.Open("section", ("aria-labelledby", "weekly-h"), ("class", "chart-box")).Element("h2", "Received and closed per week", ("id", "weekly-h"));
        var labels = weeks.Select(w => w.Monday.ToString("MM-dd", CultureInfo.InvariantCulture)).ToList();
        SvgChart.Bars(html, "chart-weekly", "Requests received and closed per week", labels,
            [("Received", weeks.Select(w => (double)w.Received).ToList()), ("Closed", weeks.Select(w => (double)w.Closed).ToList())], "requests");
        html.Open("table", ("class", "grid numbers"), ("id", "weekly"));
        html.Open("thead").Open("tr").Element("th", "Week of", ("scope", "col")).Element("th", "Received", ("scope", "col")).Element("th", "Closed", ("scope", "col")).Close("tr").Close("thead");
        html.Open("tbody");
        foreach (var week in weeks)
        {
            html.Open("tr").Element("th", Iso(week.Monday), ("scope", "row")).Element("td", week.Received.ToString(CultureInfo.InvariantCulture)).Element("td", week.Closed.ToString(CultureInfo.InvariantCulture)).Close("tr");
        }

        html.Close("tbody").Close("table").Close("section");
    }

    private static void Systems(HtmlWriter html, IReadOnlyList<SystemRates> systems)
    {
        html.Open("section", ("aria-labelledby", "systems-h"), ("class", "chart-box")).Element("h2", "Per system: failure and no-response rates", ("id", "systems-h"));
        if (systems.Count == 0)
        {
            html.Element("p", "No system reported on a request of this period.", ("class", "empty"));
            html.Close("section");
            return;
        }

        SvgChart.Bars(html, "chart-systems", "Failure and no-response rate per system, in percent", systems.Select(s => s.System).ToList(),
            [("Failed %", systems.Select(s => Math.Round(100 * s.FailureRate, 1)).ToList()), ("No response %", systems.Select(s => Math.Round(100 * s.NoResponseRate, 1)).ToList())], "%");
        html.Open("table", ("class", "grid numbers"), ("id", "system-rates"));
        html.Open("thead").Open("tr");
        foreach (var heading in new[] { "System", "Outcomes", "Failed", "No response" })
        {
            html.Element("th", heading, ("scope", "col"));
        }

        html.Close("tr").Close("thead").Open("tbody");
        foreach (var s in systems)
        {
            html.Open("tr").Element("th", s.System, ("scope", "row")).Element("td", s.Reported.ToString(CultureInfo.InvariantCulture))
                .Element("td", $"{s.Failed} ({100 * s.FailureRate:0.#}%)").Element("td", $"{s.NoResponse} ({100 * s.NoResponseRate:0.#}%)").Close("tr");
        }

        html.Close("tbody").Close("table").Close("section");
    }

    private static void Period(HtmlWriter html, DateOnly first, DateOnly last)
    {
        html.Open("form", ("method", "get"), ("action", "/console/report"), ("class", "filters"), ("aria-label", "Report period"));
        html.Element("label", "From (received)", ("for", "from")).Void("input", ("type", "date"), ("id", "from"), ("name", "from"), ("value", Iso(first)));
        html.Element("label", "To", ("for", "to")).Void("input", ("type", "date"), ("id", "to"), ("name", "to"), ("value", Iso(last)));
        html.Element("button", "Show", ("type", "submit"));
        html.Close("form");
    }

    private static void Fact(HtmlWriter html, string term, string value) => html.Element("dt", term).Element("dd", value);

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
