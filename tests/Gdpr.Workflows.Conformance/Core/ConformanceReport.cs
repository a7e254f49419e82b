using System.Globalization;
using System.Text;

namespace Gdpr.Workflows.Conformance.Core;

/// <summary>
/// The runner's text report: a table per category, the informational counts, with --verbose every failing
/// case and its first difference, and as the last line <c>conformance: P passed, F failed, S skipped</c>.
/// </summary>
internal static class ConformanceReport
{
    private const int MaxListedWithoutVerbose = 20;

    public static string Render(IReadOnlyList<CaseResult> results, KnownFailures knownFailures, bool verbose)
    {
        var text = new StringBuilder();
        AppendTable(text, results);

        var failed = results.Where(r => r.Verdict == CaseVerdict.Failed).ToList();
        var regressions = failed.Where(r => !knownFailures.Contains(r.Case.Id)).ToList();
        var fixedCases = results.Where(r => r.Verdict == CaseVerdict.Passed && knownFailures.Contains(r.Case.Id)).ToList();
        var ran = results.Where(r => r.Verdict != CaseVerdict.Skipped).ToList();
        text.AppendLine();
        Line(text, $"cause mismatches (failing): {ran.Count(r => r.CauseDifference is not null)}");
        Line(text, $"history mismatches (failing): {ran.Count(r => r.HistoryDifference is not null)}");
        Line(text, $"failures not in known-failures: {regressions.Count}");
        Line(text, $"known failures now passing: {fixedCases.Count}");

        foreach (var (reason, count) in results.Where(r => r.Verdict == CaseVerdict.Skipped)
                     .GroupBy(r => r.Detail ?? "skipped").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                     .Select(g => (g.Key, g.Count())))
        {
            Line(text, $"skipped, {reason}: {count}");
        }

        if (verbose)
        {
            AppendCases(text, "failing cases:", failed, r => $"{(knownFailures.Contains(r.Case.Id) ? "known" : "NEW")}  {r.Case.Id}: {r.Detail}");
            AppendCases(text, "cause mismatches:", ran.Where(r => r.CauseDifference is not null).ToList(), r => $"{r.Case.Id}: {r.CauseDifference}");
            AppendCases(text, "history mismatches:", ran.Where(r => r.HistoryDifference is not null).ToList(), r => $"{r.Case.Id}: {r.HistoryDifference}");
            AppendCases(text, "known failures now passing (remove them):", fixedCases, r => r.Case.Id);
        }
        else if (regressions.Count > 0)
        {
            AppendCases(text, "failures not in known-failures:", [.. regressions.Take(MaxListedWithoutVerbose)], r => $"{r.Case.Id}: {r.Detail}");
            if (regressions.Count > MaxListedWithoutVerbose)
            {
                Line(text, $"  … and {regressions.Count - MaxListedWithoutVerbose} more (--verbose lists all)");
            }
        }

        text.AppendLine();
        text.Append(SummaryLine(results));
        return text.ToString();
    }

    /// <summary>The closing line: <c>conformance: P passed, F failed, S skipped</c>.</summary>
    public static string SummaryLine(IReadOnlyList<CaseResult> results) => string.Create(
        CultureInfo.InvariantCulture,
        $"conformance: {Count(results, CaseVerdict.Passed)} passed, {Count(results, CaseVerdict.Failed)} failed, {Count(results, CaseVerdict.Skipped)} skipped");

    private static void AppendTable(StringBuilder text, IReadOnlyList<CaseResult> results)
    {
        var rows = results.GroupBy(r => r.Case.Category)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Category: g.Key, Passed: Count(g, CaseVerdict.Passed), Failed: Count(g, CaseVerdict.Failed), Skipped: Count(g, CaseVerdict.Skipped)))
            .Append((Category: "total", Passed: Count(results, CaseVerdict.Passed), Failed: Count(results, CaseVerdict.Failed), Skipped: Count(results, CaseVerdict.Skipped)))
            .ToList();
        var width = Math.Max("category".Length, rows.Max(r => r.Category.Length));
        Line(text, $"{"category".PadRight(width)}  {"passed",6}  {"failed",6}  {"skipped",7}");
        Line(text, $"{new string('-', width)}  {"------",6}  {"------",6}  {"-------",7}");
        foreach (var (category, passed, failed, skipped) in rows)
        {
            Line(text, $"{category.PadRight(width)}  {passed,6}  {failed,6}  {skipped,7}");
        }
    }

    private static void AppendCases(StringBuilder text, string title, List<CaseResult> cases, Func<CaseResult, string> describe)
    {
        if (cases.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine(title);
        foreach (var result in cases)
        {
            text.Append("  ").AppendLine(describe(result));
        }
    }

    private static void Line(StringBuilder text, FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

    private static int Count(IEnumerable<CaseResult> results, CaseVerdict verdict) => results.Count(r => r.Verdict == verdict);
}
