using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Choice;
using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Tests.Choice;

/// <summary>Builds rules and contexts for the Choice tests from JSON text.</summary>
internal static class ChoiceTestData
{
    public static ChoiceRule Rule(string json, string stateName = "Route") =>
        ChoiceRule.Parse(JsonNode.Parse(json)!.AsObject(), stateName);

    /// <summary>A top-level rule around a condition written without Next.</summary>
    public static ChoiceRule Condition(string conditionJson)
    {
        var rule = JsonNode.Parse(conditionJson)!.AsObject();
        rule["Next"] = "Matched";
        return ChoiceRule.Parse(rule, "Route");
    }

    public static PathContext Context(string inputJson, string? contextJson = null, Dictionary<string, JsonNode?>? variables = null) =>
        new(
            JsonNode.Parse(inputJson),
            contextJson is null ? null : JsonNode.Parse(contextJson),
            variables is null ? null : name => variables.TryGetValue(name, out var value) ? (true, value) : (false, null));

    public static bool Evaluate(string conditionJson, string inputJson) =>
        Condition(conditionJson).Evaluate(Context(inputJson), TestPathReader.Read);
}
