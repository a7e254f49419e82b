using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Conformance.Core;

/// <summary>How an outcome compares with a case's expectation.</summary>
/// <param name="Difference">The first difference that fails the case (status, error, output, output text, cause, history), null when it passes.</param>
/// <param name="CauseDifference">The cause's difference, if any (it fails the case; also counted on its own).</param>
/// <param name="HistoryDifference">The difference in the history's event types, if any (it fails the case; also counted on its own).</param>
internal sealed record Comparison(string? Difference, string? CauseDifference, string? HistoryDifference)
{
    public bool Passed => Difference is null;
}

/// <summary>
/// The corpus README's suggested comparer, and everything else AWS recorded: status exact; error exact unless it is a
/// placeholder; output compared as JSON after normalising the actual values like the recorder, with whole-value
/// placeholders matching anything, tokens inside strings matching any text, key order ignored and numbers compared
/// by value; then AWS's exact output text where the recorder kept it (number formatting); the cause, normalised
/// only for ids, ARNs and timestamps (the recorder's replacements and the case's placeholders); and, where a history
/// was recorded, the sequence of event types. A difference in any of them fails the case.
/// </summary>
internal sealed class ExpectationComparer(RecorderNormalizer normalizer)
{
    private const int ShownLength = 100;

    /// <summary>For messages: quotes and non-ASCII shown as they are, not as \u escapes.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Comparison Compare(ConformanceCase testCase, CaseOutcome actual)
    {
        var placeholders = PlaceholderIndex.For(testCase);
        var expected = testCase.Expected;
        var history = CompareHistory(testCase, actual.History);
        var cause = CompareCause(expected, actual.Cause, placeholders);

        if (expected.Status != actual.Status)
        {
            var detail = actual.Error is null ? string.Empty : $" ({actual.Error}: {Shorten(actual.Cause)})";
            return new Comparison($"status: expected {expected.Status}, got {actual.Status}{detail}", cause, history);
        }

        var error = CompareError(expected.Error, actual.Error, placeholders);
        if (error is not null)
        {
            return new Comparison(error, cause, history);
        }

        if (!testCase.IsDefinitionRejection)
        {
            var output = CompareOutput(expected, actual.OutputJson, placeholders) ?? CompareOutputText(expected, actual.OutputJson, placeholders);
            if (output is not null)
            {
                return new Comparison(output, cause, history);
            }
        }

        return new Comparison(cause ?? history, cause, history);
    }

    /// <summary>AWS's raw output text, where the recorder kept it: the exact rendering of numbers, strings and arrays.</summary>
    private string? CompareOutputText(CaseExpectation expected, string? outputJson, PlaceholderIndex placeholders)
    {
        if (expected.OutputText is not { } recorded || outputJson is null)
        {
            return null;
        }

        var actual = normalizer.Normalize(outputJson);
        var tokens = placeholders.TokensUnder("output", out var anyWhole);
        if (anyWhole)
        {
            // A whole-value placeholder may stand for a value of another type: the text cannot be matched around it.
            return null;
        }

        var matches = tokens.Count == 0 ? recorded == actual : PlaceholderIndex.TokenPattern(recorded, tokens).IsMatch(actual);
        return matches ? null : $"output text: expected {Shorten(recorded)}, got {Shorten(actual)}";
    }

    private string? CompareError(string? expected, string? actual, PlaceholderIndex placeholders)
    {
        var normalised = actual is null ? null : normalizer.Normalize(actual);
        var matches = expected is null
            ? normalised is null
            : normalised is not null && placeholders.MatchesString(["error"], expected, normalised);
        return matches ? null : $"error: expected {Show(expected)}, got {Show(actual)}";
    }

    private string? CompareOutput(CaseExpectation expected, string? outputJson, PlaceholderIndex placeholders)
    {
        JsonNode? actual;
        try
        {
            actual = outputJson is null ? null : JsonNode.Parse(outputJson);
        }
        catch (JsonException)
        {
            return $"output: not JSON: {Shorten(outputJson)}";
        }

        return JsonDifference(expected.Output, normalizer.Normalize(actual), ["output"], placeholders);
    }

    private string? CompareCause(CaseExpectation expected, string? actual, PlaceholderIndex placeholders)
    {
        if (expected.Cause is null)
        {
            return actual is null || actual.Length == 0 ? null : $"cause: expected none, got {Show(actual)}";
        }

        if (actual is null)
        {
            return $"cause: expected {Shorten(expected.Cause.ToJsonString(Readable))}, got none";
        }

        JsonNode? actualNode = JsonValue.Create(actual);
        if (expected.CauseParsedFromJson)
        {
            try
            {
                actualNode = JsonNode.Parse(actual);
            }
            catch (JsonException)
            {
                return $"cause: expected a JSON object, got {Show(actual)}";
            }
        }

        return JsonDifference(expected.Cause, normalizer.Normalize(actualNode), ["cause"], placeholders);
    }

    /// <summary>Null when equal, else "$.path: expected …, got …" for the first difference.</summary>
    private static string? JsonDifference(JsonNode? expected, JsonNode? actual, IReadOnlyList<object> path, PlaceholderIndex placeholders)
    {
        if (placeholders.IsWhole(path))
        {
            return null;
        }

        switch (expected)
        {
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    return Mismatch(path, expected, actual);
                }

                var missing = expectedObject.Select(p => p.Key).Where(k => !actualObject.ContainsKey(k)).ToList();
                var extra = actualObject.Select(p => p.Key).Where(k => !expectedObject.ContainsKey(k)).ToList();
                if (missing.Count > 0 || extra.Count > 0)
                {
                    return $"{PlaceholderIndex.Show(path)}: keys differ (missing: [{string.Join(", ", missing)}], unexpected: [{string.Join(", ", extra)}])";
                }

                foreach (var (key, value) in expectedObject)
                {
                    var difference = JsonDifference(value, actualObject[key], [.. path, key], placeholders);
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;

            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray || actualArray.Count != expectedArray.Count)
                {
                    return Mismatch(path, expected, actual);
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    var difference = JsonDifference(expectedArray[i], actualArray[i], [.. path, i], placeholders);
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;

            case null:
                return actual is null ? null : Mismatch(path, expected, actual);

            default:
                return ScalarsMatch((JsonValue)expected, actual, path, placeholders) ? null : Mismatch(path, expected, actual);
        }
    }

    private static bool ScalarsMatch(JsonValue expected, JsonNode? actual, IReadOnlyList<object> path, PlaceholderIndex placeholders)
    {
        if (actual is not JsonValue actualValue)
        {
            return false;
        }

        var kind = expected.GetValueKind();
        var actualKind = actualValue.GetValueKind();
        return kind switch
        {
            JsonValueKind.String => actualKind == JsonValueKind.String
                && placeholders.MatchesString(path, expected.GetValue<string>(), actualValue.GetValue<string>()),
            JsonValueKind.Number => actualKind == JsonValueKind.Number && NumbersEqual(expected, actualValue),
            _ => kind == actualKind,
        };
    }

    private static bool NumbersEqual(JsonValue expected, JsonValue actual)
    {
        var e = expected.ToJsonString();
        var a = actual.ToJsonString();
        if (decimal.TryParse(e, NumberStyles.Float, CultureInfo.InvariantCulture, out var ed)
            && decimal.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var ad))
        {
            return ed == ad;
        }

        return double.TryParse(e, NumberStyles.Float, CultureInfo.InvariantCulture, out var edbl)
            && double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var adbl)
            && edbl.Equals(adbl);
    }

    private static string? CompareHistory(ConformanceCase testCase, IReadOnlyList<string>? actual)
    {
        if (actual is null || !testCase.HistoryRecorded || testCase.History.Count == 0)
        {
            return null;
        }

        var expected = testCase.History;
        var orderIsMeaningless = testCase.HistoryOrder is not null
            || testCase.HistoryEventsMissing > 0
            || testCase.Features.Contains("state:Map");
        if (!orderIsMeaningless)
        {
            var first = Enumerable.Range(0, Math.Max(expected.Count, actual.Count))
                .FirstOrDefault(i => i >= expected.Count || i >= actual.Count || expected[i] != actual[i], -1);
            return first < 0
                ? null
                : $"history[{first}]: expected {(first < expected.Count ? expected[first] : "end")}, got {(first < actual.Count ? actual[first] : "end")}";
        }

        // Sorted or trimmed by the recorder, or concurrent Map iterations: compare the event types as multisets.
        var counts = expected.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        foreach (var type in actual)
        {
            counts[type] = counts.GetValueOrDefault(type) - 1;
        }

        var lacking = counts.Where(c => c.Value > 0).Select(c => c.Key).ToList();
        var surplus = counts.Where(c => c.Value < 0).Sum(c => -c.Value);
        return lacking.Count == 0 && surplus <= testCase.HistoryEventsMissing
            ? null
            : $"history (as multiset): missing [{string.Join(", ", lacking)}], {surplus} unexpected event(s)";
    }

    private static string Mismatch(IReadOnlyList<object> path, JsonNode? expected, JsonNode? actual) =>
        $"{PlaceholderIndex.Show(path)}: expected {Shorten(expected?.ToJsonString(Readable) ?? "null")}, got {Shorten(actual?.ToJsonString(Readable) ?? "null")}";

    private static string Show(string? value) => value is null ? "none" : Shorten(JsonSerializer.Serialize(value, Readable));

    private static string Shorten(string? text)
    {
        if (text is null)
        {
            return "none";
        }

        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= ShownLength ? oneLine : string.Concat(oneLine.AsSpan(0, ShownLength), "…");
    }
}

/// <summary>The case's placeholders, found by path (segments: property names and array indexes).</summary>
internal sealed partial class PlaceholderIndex
{
    private readonly Dictionary<string, Placeholder> byPath;

    private PlaceholderIndex(IEnumerable<Placeholder> placeholders)
    {
        byPath = new Dictionary<string, Placeholder>(StringComparer.Ordinal);
        foreach (var placeholder in placeholders)
        {
            if (TryParsePath(placeholder.Path, out var segments))
            {
                byPath[Key(segments)] = placeholder;
            }
        }
    }

    public static PlaceholderIndex For(ConformanceCase testCase) => new(testCase.Placeholders);

    public bool IsWhole(IReadOnlyList<object> path) => byPath.TryGetValue(Key(path), out var p) && p.Whole;

    /// <summary>The tokens of every placeholder at or below the top-level field <paramref name="field"/>; whether any of them is whole.</summary>
    public IReadOnlyList<string> TokensUnder(string field, out bool anyWhole)
    {
        var prefix = "." + field;
        var under = byPath.Where(p => p.Key == prefix || p.Key.StartsWith(prefix + "\u001f", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        anyWhole = under.Any(p => p.Whole);
        return [.. under.SelectMany(p => p.Tokens).Distinct()];
    }

    /// <summary>Exact, unless a placeholder there makes the value (whole) or its tokens (in part) match anything.</summary>
    public bool MatchesString(IReadOnlyList<object> path, string expected, string actual)
    {
        if (!byPath.TryGetValue(Key(path), out var placeholder))
        {
            return expected == actual;
        }

        return placeholder.Whole || TokenPattern(expected, placeholder.Tokens).IsMatch(actual);
    }

    /// <summary>The expected text as a regular expression: literal parts escaped, each token any non-empty text.</summary>
    public static Regex TokenPattern(string expected, IReadOnlyList<string> tokens)
    {
        var ordered = tokens.Where(t => t.Length > 0).Distinct().OrderByDescending(t => t.Length).ToList();
        var pattern = new StringBuilder("^");
        var i = 0;
        while (i < expected.Length)
        {
            var token = ordered.FirstOrDefault(t => string.CompareOrdinal(expected, i, t, 0, t.Length) == 0);
            if (token is null)
            {
                pattern.Append(Regex.Escape(expected[i].ToString()));
                i++;
            }
            else
            {
                pattern.Append(".+?");
                i += token.Length;
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    /// <summary>Parses <c>$.a.b["c-d"][0]</c> into its segments.</summary>
    public static bool TryParsePath(string path, out List<object> segments)
    {
        segments = [];
        if (!path.StartsWith('$'))
        {
            return false;
        }

        foreach (Match m in PathSegment().Matches(path, 1))
        {
            if (m.Groups["name"].Success)
            {
                segments.Add(m.Groups["name"].Value);
            }
            else if (m.Groups["quoted"].Success)
            {
                segments.Add(m.Groups["quoted"].Value);
            }
            else
            {
                segments.Add(int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture));
            }
        }

        return true;
    }

    public static string Show(IReadOnlyList<object> path)
    {
        var text = new StringBuilder("$");
        foreach (var segment in path)
        {
            text.Append(segment is int index ? $"[{index.ToString(CultureInfo.InvariantCulture)}]" : $".{segment}");
        }

        return text.ToString();
    }

    private static string Key(IReadOnlyList<object> segments) =>
        string.Join('\u001f', segments.Select(s => s is int i ? "#" + i.ToString(CultureInfo.InvariantCulture) : "." + s));

    [GeneratedRegex(@"\G(?:\.(?<name>[^.\[]+)|\[""(?<quoted>[^""]*)""\]|\[(?<index>\d+)\])")]
    private static partial Regex PathSegment();
}
