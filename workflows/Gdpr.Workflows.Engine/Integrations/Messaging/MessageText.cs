using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Integrations.Messaging;

/// <summary>How Step Functions turns a message parameter into the text it sends: strings as they are, other JSON as compact JSON text.</summary>
internal static class MessageText
{
    /// <summary>The text, or null when the parameter is absent, null or empty.</summary>
    public static string? Of(JsonNode? value)
    {
        var text = value switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => Json.Text(value),
        };
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public static string? StringParameter(JsonNode? parameters, string name) =>
        parameters is JsonObject fields && fields[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : null;
}
