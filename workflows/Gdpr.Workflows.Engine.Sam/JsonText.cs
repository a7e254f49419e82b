using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>How CloudFormation turns scalar values into text (Fn::Sub, Fn::Join, environment variables).</summary>
internal static class JsonText
{
    /// <summary>The text of a string, number or boolean; null for null, objects and arrays.</summary>
    public static string? OfScalar(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
    }

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        _ => $"'{node.ToJsonString()}'",
    };
}
