using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// The YAML line each converted JSON node came from, so resolution errors can point into the template.
/// Keyed by node identity: JsonNode has no position of its own.
/// </summary>
internal sealed class SourceLines
{
    private readonly Dictionary<JsonNode, int> _lines = new(ReferenceEqualityComparer.Instance);

    public void Record(JsonNode? node, int line)
    {
        if (node is not null)
        {
            _lines[node] = line;
        }
    }

    public int? LineOf(JsonNode? node) => node is not null && _lines.TryGetValue(node, out var line) ? line : null;

    /// <summary>A deep copy that keeps the lines of the original nodes.</summary>
    public JsonNode? Clone(JsonNode? node)
    {
        var copy = node switch
        {
            null => null,
            JsonObject obj => CloneObject(obj),
            JsonArray array => CloneArray(array),
            _ => node.DeepClone(),
        };
        if (LineOf(node) is { } line)
        {
            Record(copy, line);
        }

        return copy;
    }

    private JsonObject CloneObject(JsonObject source)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in source)
        {
            copy[key] = Clone(value);
        }

        return copy;
    }

    private JsonArray CloneArray(JsonArray source)
    {
        var copy = new JsonArray();
        foreach (var item in source)
        {
            copy.Add(Clone(item));
        }

        return copy;
    }
}
