using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Conformance.Core;

/// <summary>One line of the LocalStack-derived corpus (see the corpus README for the schema).</summary>
internal sealed record ConformanceCase(
    string Id,
    string Category,
    bool IsDefinitionRejection,
    JsonNode? Definition,
    string? DefinitionText,
    JsonNode? Input,
    CaseExpectation Expected,
    IReadOnlyList<string> History,
    bool HistoryRecorded,
    string? HistoryOrder,
    int HistoryEventsMissing,
    IReadOnlyList<string> Needs,
    IReadOnlyList<string> Features,
    string StateMachineType,
    IReadOnlyList<Placeholder> Placeholders,
    IReadOnlyList<LambdaFixture> Fixtures)
{
    /// <summary>Only what JSON requires is escaped, so texts (and their sizes) stay as the test sent them.</summary>
    private static readonly JsonSerializerOptions AsSent = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The definition as sent to CreateStateMachine (the raw text when it is not valid JSON).</summary>
    public string DefinitionJson => DefinitionText ?? Definition?.ToJsonString(AsSent) ?? "null";

    public string InputJson => Input?.ToJsonString(AsSent) ?? "null";
}

/// <summary>What AWS recorded for the case.</summary>
/// <param name="Status">SUCCEEDED, FAILED, TIMED_OUT, ABORTED, NOT_TERMINATED, or CREATE_FAILED for a rejected definition.</param>
/// <param name="Cause">A JSON string, or the parsed object when <paramref name="CauseParsedFromJson"/>.</param>
internal sealed record CaseExpectation(
    string Status,
    JsonNode? Output,
    string? OutputText,
    string? Error,
    JsonNode? Cause,
    bool CauseParsedFromJson);

/// <summary>A value of the expectation that the recorder replaced (wholly or in part) with a token.</summary>
/// <param name="Path">Where, e.g. <c>$.output.SdkHttpMetadata.AllHttpHeaders["x-amzn-RequestId"][0]</c>.</param>
internal sealed record Placeholder(string Path, IReadOnlyList<string> Tokens, bool Whole);

/// <summary>A Lambda function the test deployed, with the corpus' handler file.</summary>
internal sealed record LambdaFixture(string FunctionName, string HandlerFile);

/// <summary>Reads corpus files (JSON Lines).</summary>
internal static class CorpusReader
{
    public static IReadOnlyList<ConformanceCase> ReadFile(string path) =>
        [.. File.ReadLines(path).Where(line => !string.IsNullOrWhiteSpace(line)).Select(Parse)];

    public static ConformanceCase Parse(string line)
    {
        var root = JsonNode.Parse(line)?.AsObject() ?? throw new FormatException("A corpus line must be a JSON object.");
        var expected = root["expected"]?.AsObject() ?? throw new FormatException("A corpus case needs 'expected'.");
        return new ConformanceCase(
            Id: String(root, "id") ?? throw new FormatException("A corpus case needs 'id'."),
            Category: String(root, "category") ?? "uncategorised",
            IsDefinitionRejection: String(root, "kind") == "definition-rejected",
            Definition: root["definition"]?.DeepClone(),
            DefinitionText: String(root, "definition_text"),
            Input: root["input"]?.DeepClone(),
            Expected: new CaseExpectation(
                Status: String(expected, "status") ?? throw new FormatException("A corpus case needs 'expected.status'."),
                Output: expected["output"]?.DeepClone(),
                OutputText: String(expected, "output_text"),
                Error: String(expected, "error"),
                Cause: expected["cause"]?.DeepClone(),
                CauseParsedFromJson: Bool(expected, "cause_parsed_from_json")),
            History: Strings(root["history"]),
            HistoryRecorded: root["history_recorded"] is null || Bool(root, "history_recorded"),
            HistoryOrder: String(root, "history_order"),
            HistoryEventsMissing: root["history_events_missing"]?.GetValue<int>() ?? 0,
            Needs: Strings(root["needs"]),
            Features: Strings(root["features"]),
            StateMachineType: String(root, "state_machine_type") ?? "STANDARD",
            Placeholders: [.. (root["placeholders"]?.AsArray() ?? []).Select(p => new Placeholder(
                String(p!.AsObject(), "path") ?? "$",
                Strings(p["tokens"]),
                Bool(p.AsObject(), "whole")))],
            Fixtures: [.. (root["fixtures"]?.AsArray() ?? []).Select(f => new LambdaFixture(
                String(f!.AsObject(), "function_name") ?? string.Empty,
                String(f.AsObject(), "handler_file") ?? string.Empty))]);
    }

    private static string? String(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Bool(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static List<string> Strings(JsonNode? array) =>
        array is JsonArray items ? [.. items.Select(i => i?.GetValue<string>() ?? string.Empty)] : [];
}
