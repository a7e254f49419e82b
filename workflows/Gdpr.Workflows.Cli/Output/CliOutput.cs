using System.Globalization;
using Gdpr.Workflows.Cli.Infrastructure;
using Spectre.Console;

namespace Gdpr.Workflows.Cli.Output;

/// <summary>
/// Writes a command's result: one JSON object per line with <c>--json</c>; otherwise text, with tables drawn by
/// Spectre.Console when stdout is a terminal and plain aligned columns when it is not.
/// </summary>
public sealed class CliOutput(CliEnvironment environment, bool json)
{
    public bool Json { get; } = json;

    public bool IsTerminal => environment.IsTerminal && !Json;

    public TextWriter Writer => environment.Out;

    public void WriteJson<T>(T value) => environment.Out.WriteLine(CliJson.Serialize(value));

    public void Line(string text = "") => environment.Out.WriteLine(text);

    /// <summary>"label: value" lines, labels aligned.</summary>
    public void Fields(IEnumerable<(string Label, string? Value)> fields)
    {
        var list = fields.Where(f => f.Value is not null).ToList();
        var width = list.Count == 0 ? 0 : list.Max(f => f.Label.Length) + 1;
        foreach (var (label, value) in list)
        {
            environment.Out.WriteLine((label + ":").PadRight(width) + " " + value);
        }
    }

    public void Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var materialised = rows.Select(r => r.Select(c => c ?? "-").ToArray()).ToList();
        if (IsTerminal)
        {
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var column in columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(column)));
            }

            foreach (var row in materialised)
            {
                table.AddRow(row.Select(c => new Text(c)).ToArray());
            }

            Console(environment).Write(table);
            return;
        }

        var widths = columns.Select((c, i) => Math.Max(c.Length, materialised.Count == 0 ? 0 : materialised.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        environment.Out.WriteLine(Row(columns, widths));
        foreach (var row in materialised)
        {
            environment.Out.WriteLine(Row(row, widths));
        }
    }

    /// <summary>A Spectre console on this output (live views, colours).</summary>
    public static IAnsiConsole Console(CliEnvironment environment) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(environment.Out),
        Ansi = environment.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        Interactive = environment.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
    });

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    public static string Time(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static string Row(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
