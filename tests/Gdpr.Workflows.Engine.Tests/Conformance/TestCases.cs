using System.Text.Json.Nodes;
using Gdpr.Workflows.Conformance.Core;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

/// <summary>Small hand-made corpus lines for runner and report tests.</summary>
internal static class TestCases
{
    public static ConformanceCase Minimal(
        string id,
        string category = "base",
        string status = "SUCCEEDED",
        JsonNode? output = null,
        string[]? needs = null,
        JsonNode? definition = null,
        string[]? fixtures = null)
    {
        var line = new JsonObject
        {
            ["id"] = id,
            ["category"] = category,
            ["definition"] = definition ?? new JsonObject
            {
                ["StartAt"] = "P",
                ["States"] = new JsonObject { ["P"] = new JsonObject { ["Type"] = "Pass", ["End"] = true } },
            },
            ["input"] = new JsonObject(),
            ["expected"] = new JsonObject { ["status"] = status, ["output"] = output ?? new JsonObject(), ["error"] = null, ["cause"] = null },
            ["needs"] = new JsonArray([.. (needs ?? []).Select(n => (JsonNode?)JsonValue.Create(n))]),
            ["fixtures"] = new JsonArray([.. (fixtures ?? []).Select(f => (JsonNode?)new JsonObject { ["function_name"] = "fn", ["handler_file"] = f })]),
        };
        return CorpusReader.Parse(line.ToJsonString());
    }
}

internal static class ConformanceCaseLines
{
    /// <summary>The case back as a corpus line (enough of it for the reader).</summary>
    public static string ToLine(this ConformanceCase testCase) => new JsonObject
    {
        ["id"] = testCase.Id,
        ["category"] = testCase.Category,
        ["definition"] = testCase.Definition?.DeepClone(),
        ["input"] = testCase.Input?.DeepClone(),
        ["expected"] = new JsonObject
        {
            ["status"] = testCase.Expected.Status,
            ["output"] = testCase.Expected.Output?.DeepClone(),
            ["error"] = testCase.Expected.Error,
            ["cause"] = testCase.Expected.Cause?.DeepClone(),
        },
        ["needs"] = new JsonArray([.. testCase.Needs.Select(n => (JsonNode?)JsonValue.Create(n))]),
    }.ToJsonString();
}
