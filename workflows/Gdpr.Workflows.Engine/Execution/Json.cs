using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>Compact JSON text as Step Functions renders payloads in history and output.</summary>
internal static class Json
{
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Text(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    public static JsonNode? Parse(string text) => JsonNode.Parse(text);

    public static int Utf8Length(JsonNode? node) => System.Text.Encoding.UTF8.GetByteCount(Text(node));
}
