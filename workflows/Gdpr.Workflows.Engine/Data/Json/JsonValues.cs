using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data.Json;

/// <summary>Small readers over <see cref="JsonNode"/> values that work whatever CLR value backs them.</summary>
internal static class JsonValues
{
    /// <summary>The JSON kind of a node; a null reference is JSON null.</summary>
    public static JsonValueKind KindOf(JsonNode? node) => node switch
    {
        null => JsonValueKind.Null,
        JsonObject => JsonValueKind.Object,
        JsonArray => JsonValueKind.Array,
        _ => node.GetValueKind(),
    };

    public static bool IsNull(JsonNode? node) => KindOf(node) == JsonValueKind.Null;

    public static bool TryGetString(JsonNode? node, out string text)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = ReadString(value);
            return true;
        }

        text = string.Empty;
        return false;
    }

    public static bool TryGetBoolean(JsonNode? node, out bool flag)
    {
        switch (KindOf(node))
        {
            case JsonValueKind.True:
                flag = true;
                return true;
            case JsonValueKind.False:
                flag = false;
                return true;
            default:
                flag = false;
                return false;
        }
    }

    /// <summary>The string of a value whose kind is String, whether it holds a string, JsonElement, char, Guid, ...</summary>
    public static string ReadString(JsonValue value)
    {
        if (value.TryGetValue(out string? text))
        {
            return text;
        }

        if (value.TryGetValue(out JsonElement element))
        {
            return element.GetString() ?? string.Empty;
        }

        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString() ?? string.Empty;
    }

    /// <summary>AWS's upper-case name of a JSON type, as used in its validation messages (STRING, ARRAY, ...).</summary>
    public static string TypeName(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.Object => "OBJECT",
        JsonValueKind.Array => "ARRAY",
        JsonValueKind.String => "STRING",
        JsonValueKind.Number => "NUMBER",
        JsonValueKind.True or JsonValueKind.False => "BOOLEAN",
        _ => "NULL",
    };

    /// <summary>A deep copy that can be attached to another tree (null stays null).</summary>
    public static JsonNode? Copy(JsonNode? node) => node?.DeepClone();
}
