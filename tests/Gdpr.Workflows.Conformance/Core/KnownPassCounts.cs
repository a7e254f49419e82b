using System.Globalization;

namespace Gdpr.Workflows.Conformance.Core;

/// <summary>
/// <c>known-pass-counts.txt</c> beside the known failures: "&lt;corpus file&gt; &lt;passed&gt;" per line. A full run of a
/// corpus that passes fewer cases fails, even if every failure is listed as known (listing is no licence to regress).
/// </summary>
internal sealed class KnownPassCounts(IReadOnlyDictionary<string, int> counts)
{
    public const string FileName = "known-pass-counts.txt";

    public static string PathBeside(string knownFailuresPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(knownFailuresPath)) ?? ".", FileName);

    public static KnownPassCounts Load(string path) => new(!File.Exists(path)
        ? new Dictionary<string, int>(StringComparer.Ordinal)
        : File.ReadAllLines(path)
            .Select(l => l.Split('#', 2)[0].Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[0], p => int.Parse(p[1], NumberStyles.None, CultureInfo.InvariantCulture), StringComparer.Ordinal));

    public int? For(string corpusFile) => counts.TryGetValue(corpusFile, out var count) ? count : null;
}
