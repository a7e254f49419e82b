using System.Text;

namespace Gdpr.Workflows.Conformance.Core;

/// <summary>
/// The cases expected to fail, one per line as <c>case-id # reason</c> (blank lines and lines starting with
/// <c>#</c> are comments). Ids may themselves contain <c>#</c>, so only <c>" # "</c> starts a reason.
/// </summary>
internal sealed class KnownFailures
{
    public const string ReasonSeparator = " # ";

    private const string Header =
        """
        # Conformance cases the local engine is known to fail: "<case id> # <reason>", one per line.
        # A failing case not listed here makes the runner exit 1. Regenerate with --write-known-failures
        # (existing reasons are kept; new entries get the first difference as their reason).
        """;

    private readonly Dictionary<string, string> reasons;
    private readonly List<string> order;

    private KnownFailures(IEnumerable<(string Id, string Reason)> entries)
    {
        reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        order = [];
        foreach (var (id, reason) in entries)
        {
            if (reasons.TryAdd(id, reason))
            {
                order.Add(id);
            }
        }
    }

    public static KnownFailures Empty { get; } = new([]);

    public int Count => order.Count;

    public IEnumerable<(string Id, string Reason)> Entries => order.Select(id => (id, reasons[id]));

    public static KnownFailures Load(string path) => File.Exists(path) ? Parse(File.ReadAllLines(path)) : Empty;

    public static KnownFailures Parse(IEnumerable<string> lines) => new(
        lines.Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l =>
            {
                var separator = l.IndexOf(ReasonSeparator, StringComparison.Ordinal);
                return separator < 0 ? (l, string.Empty) : (l[..separator].TrimEnd(), l[(separator + ReasonSeparator.Length)..].Trim());
            }));

    public bool Contains(string caseId) => reasons.ContainsKey(caseId);

    public string ReasonFor(string caseId) => reasons.GetValueOrDefault(caseId, string.Empty);

    /// <summary>
    /// The list after a run: failures of this run (keeping listed reasons, else the difference as reason),
    /// plus listed cases this run did not evaluate (another corpus, filtered out, skipped).
    /// </summary>
    public KnownFailures Regenerate(IReadOnlyList<CaseResult> results)
    {
        var evaluated = results.Where(r => r.Verdict != CaseVerdict.Skipped).Select(r => r.Case.Id).ToHashSet(StringComparer.Ordinal);
        var failures = results.Where(r => r.Verdict == CaseVerdict.Failed)
            .Select(r => (r.Case.Id, Contains(r.Case.Id) && ReasonFor(r.Case.Id).Length > 0 ? ReasonFor(r.Case.Id) : OneLine(r.Detail)));
        var untouched = Entries.Where(e => !evaluated.Contains(e.Id));
        return new KnownFailures(untouched.Concat(failures).OrderBy(e => e.Item1, StringComparer.Ordinal));
    }

    public string Format()
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var (id, reason) in Entries)
        {
            text.Append(id);
            if (reason.Length > 0)
            {
                text.Append(ReasonSeparator).Append(reason);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string OneLine(string? text) => (text ?? "failed").ReplaceLineEndings(" ").Trim();
}
