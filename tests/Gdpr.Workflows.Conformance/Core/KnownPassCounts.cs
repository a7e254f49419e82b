namespace Gdpr.Workflows.Conformance.Core;

/// <summary>
/// How many cases of each corpus file passed when the figures in the README were taken. A run of a whole file that
/// passes fewer fails, even when no case outside known-failures.txt failed: a case newly skipped (or dropped by a
/// reader change) is a loss too. Raise a count when the engine passes more.
/// </summary>
internal static class KnownPassCounts
{
    private static readonly Dictionary<string, int> Minimums = new(StringComparer.Ordinal)
    {
        ["cases.jsonl"] = 646,
        ["cases-with-services.jsonl"] = 50,
        // Every definition AWS rejected is rejected (the eleventh is a JSONata definition, skipped).
        ["definition-rejections.jsonl"] = 10,
    };

    /// <summary>The known count for a corpus file (by its name), or null for a file with none recorded.</summary>
    public static int? For(string corpusPath) =>
        Minimums.TryGetValue(Path.GetFileName(corpusPath), out var minimum) ? minimum : null;
}
