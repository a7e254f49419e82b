using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>A parsed template file: its JSON form, the source line of each node, and errors that point at them.</summary>
internal sealed class SamDocument
{
    private SamDocument(string filePath, JsonObject root, SourceLines lines)
    {
        FilePath = filePath;
        Root = root;
        Lines = lines;
    }

    public string FilePath { get; }

    public JsonObject Root { get; }

    public SourceLines Lines { get; }

    public static SamDocument Load(string filePath)
    {
        string text;
        try
        {
            text = File.ReadAllText(filePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SamTemplateException(filePath, null, $"cannot read the template: {e.Message}", e);
        }

        var (root, lines) = SamYaml.Parse(text, filePath);
        return root is JsonObject obj
            ? new SamDocument(filePath, obj, lines)
            : throw new SamTemplateException(filePath, lines.LineOf(root), "the template must be a YAML mapping");
    }

    /// <summary>A top-level section such as Parameters; empty when absent.</summary>
    public JsonObject Section(string name) => Root[name] switch
    {
        null => [],
        JsonObject section => section,
        var other => throw Error(other, $"{name} must be a mapping"),
    };

    public SamTemplateException Error(JsonNode? node, string message, int? fallbackLine = null) =>
        new(FilePath, Lines.LineOf(node) ?? fallbackLine, message);
}
