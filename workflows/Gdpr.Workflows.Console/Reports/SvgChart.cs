using System.Globalization;
using Gdpr.Workflows.WebConsole.Html;

namespace Gdpr.Workflows.WebConsole.Reports;

/// <summary>Bar charts drawn on the server as SVG: numbers only reach the markup as formatted numbers, labels as encoded text.</summary>
public static class SvgChart
{
    /// <summary>Grouped vertical bars: one group per label, one bar per series (classes series-0, series-1, ...).</summary>
    public static void Bars(HtmlWriter html, string id, string title, IReadOnlyList<string> labels, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string unit)
    {
        const double width = 640;
        const double height = 220;
        const double left = 40;
        const double bottom = 40;
        var max = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var groupWidth = (width - left) / Math.Max(1, labels.Count);
        var barWidth = Math.Max(1, (groupWidth - 4) / Math.Max(1, series.Count));
        html.Open("svg", ("id", id), ("class", "chart"), ("viewBox", $"0 0 {N(width)} {N(height)}"), ("role", "img"), ("aria-labelledby", id + "-title"), ("xmlns", "http://www.w3.org/2000/svg"));
        html.Element("title", title, ("id", id + "-title"));
        html.Void("line", ("x1", N(left)), ("y1", N(height - bottom)), ("x2", N(width)), ("y2", N(height - bottom)), ("class", "axis")).Close("line");
        html.Element("text", N(max) + " " + unit, ("x", "0"), ("y", "12"), ("class", "tick"));
        for (var g = 0; g < labels.Count; g++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[g];
                var barHeight = (height - bottom - 20) * value / max;
                var x = left + (g * groupWidth) + 2 + (s * barWidth);
                html.Open("rect", ("x", N(x)), ("y", N(height - bottom - barHeight)), ("width", N(barWidth)), ("height", N(barHeight)), ("class", "series-" + s.ToString(CultureInfo.InvariantCulture)));
                html.Element("title", $"{labels[g]}: {series[s].Name} {N(value)}");
                html.Close("rect");
            }

            if (labels.Count <= 16 || g % 2 == 0)
            {
                html.Element("text", labels[g], ("x", N(left + (g * groupWidth) + 2)), ("y", N(height - bottom + 14)), ("class", "tick"));
            }
        }

        html.Close("svg");
        html.Open("p", ("class", "legend"));
        for (var s = 0; s < series.Count; s++)
        {
            html.Element("span", series[s].Name, ("class", "key series-" + s.ToString(CultureInfo.InvariantCulture)));
        }

        html.Close("p");
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
