using System.Globalization;
using Gdpr.Workflows.TestSupport.Leaks;

namespace Gdpr.Workflows.Reliability.Scenarios;

/// <summary>What a leak scan found: hits that are leaks, hits a system may lawfully keep, and what was covered.</summary>
internal sealed record LeakReport(IReadOnlyList<LeakHit> Leaks, int LawfulHits, int Files, long Bytes, int Identifiers)
{
    /// <summary>A line for the report, with the leaks per file (file, form and offset only: the identifier itself is not printed).</summary>
    public string Describe(string home)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"leak scan: {Identifiers} identifiers over {Files} files ({Bytes / 1024.0 / 1024.0:0.0} MiB): {Leaks.Count} leaked");
        if (LawfulHits > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $", {LawfulHits} lawfully retained (Art. 17(3))");
        }

        return Leaks.Count == 0
            ? line
            : line + ": " + string.Join(", ", Leaks.GroupBy(h => Path.GetRelativePath(home, h.File)).OrderByDescending(g => g.Count())
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()} (e.g. {g.First().Form} @{g.First().Offset})")));
    }
}

/// <summary>Scans a data directory for the raw identifiers a scenario submitted (see <see cref="PersistedBytesScanner"/>).</summary>
internal static class LeakAudit
{
    /// <param name="lawful">True for a hit a system may keep (e.g. an invoice retained under Art. 17(3)(b)).</param>
    /// <param name="stillHeld">Bystanders' identifiers: a requester's identifier found only inside one of them is theirs.</param>
    /// <exception cref="InvalidOperationException">The scan missed a planted canary: a clean result would prove nothing.</exception>
    public static LeakReport Scan(string home, IReadOnlyCollection<string> identifiers, Func<LeakHit, bool>? lawful = null, IEnumerable<string>? stillHeld = null)
    {
        // A canary identifier, planted JSON-escaped in a log-like file: the scan must find it, or it cannot be trusted.
        var canary = $"canary+{Guid.NewGuid():N}@example.invalid";
        var canaryFile = Path.Combine(home, "leak-scan-canary.log");
        File.WriteAllText(canaryFile, System.Text.Json.JsonSerializer.Serialize(new { email = canary }));
        IReadOnlyList<LeakHit> found;
        try
        {
            found = PersistedBytesScanner.Scan(home, [.. identifiers, canary], stillHeld);
        }
        finally
        {
            File.Delete(canaryFile);
        }

        if (!found.Any(h => h.Identifier == canary))
        {
            throw new InvalidOperationException("The leak scan did not find the canary it planted.");
        }

        var hits = found.Where(h => h.Identifier != canary).ToList();
        var (files, bytes) = PersistedBytesScanner.Coverage(home);
        var kept = lawful is null ? [] : hits.Where(lawful).ToList();
        return new LeakReport(hits.Except(kept).ToList(), kept.Count, files, bytes, identifiers.Count);
    }

    /// <summary>The largest files under <paramref name="home"/>, for the report ("engine.db-wal 120.0 MiB, ...").</summary>
    public static string Largest(string home, int count) => string.Join(", ", Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories)
        .Select(f => new FileInfo(f)).OrderByDescending(f => f.Length).Take(count)
        .Select(f => string.Create(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(home, f.FullName)} {f.Length / 1024.0 / 1024.0:0.0} MiB")));

    /// <summary>Task tokens found in the host's logs or in the status/history answers collected during the run.</summary>
    public static int TokenHits(string logDirectory, IReadOnlyCollection<string> tokens, IEnumerable<string> answers)
    {
        var inLogs = PersistedBytesScanner.Scan(logDirectory, tokens).Count;
        var inAnswers = answers.Sum(text => tokens.Count(token => text.Contains(token, StringComparison.Ordinal)));
        return inLogs + inAnswers;
    }
}
