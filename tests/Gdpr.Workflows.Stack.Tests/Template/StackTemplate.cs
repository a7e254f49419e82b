using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Stack.Tests.Template;

/// <summary>A loaded template.yaml: its resources, Globals and Metadata as JSON, and where it lives.</summary>
internal sealed partial class StackTemplate
{
    private StackTemplate(string path, JsonObject root)
    {
        FilePath = Path.GetFullPath(path);
        Root = root;
    }

    public string FilePath { get; }

    public string Directory => Path.GetDirectoryName(FilePath)!;

    public JsonObject Root { get; }

    public JsonObject Metadata => Root[nameof(Metadata)] as JsonObject ?? [];

    public static StackTemplate Load(string path) => new(path, CloudFormationYaml.Load(path));

    public IEnumerable<TemplateResource> Resources =>
        (Root[nameof(Resources)] as JsonObject ?? []).Select(pair => new TemplateResource(pair.Key, pair.Value as JsonObject ?? []));

    public IEnumerable<TemplateResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.Ordinal));

    /// <summary>Globals.&lt;section&gt; (e.g. "Function"), or an empty object.</summary>
    public JsonObject Globals(string section) => (Root["Globals"] as JsonObject)?[section] as JsonObject ?? [];

    /// <summary>A property of a serverless resource, falling back to Globals as SAM does for scalars.</summary>
    public JsonNode? PropertyWithGlobals(TemplateResource resource, string globalsSection, string property) =>
        resource.Properties[property] ?? Globals(globalsSection)[property];

    /// <summary>The scalar text of a node, or null when it is not a string.</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    /// <summary>Logical ids a value refers to through Ref, Fn::GetAtt or Fn::Sub, at any depth.</summary>
    public static ISet<string> ReferencedLogicalIds(JsonNode? node)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        Collect(node, ids);
        return ids;
    }

    private static void Collect(JsonNode? node, HashSet<string> ids)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    switch (key)
                    {
                        case "Ref" when Text(value) is { } target:
                            ids.Add(target);
                            break;
                        case "Fn::GetAtt" when value is JsonArray pair && Text(pair.FirstOrDefault()) is { } target:
                            ids.Add(target);
                            break;
                        case "Fn::GetAtt" when Text(value) is { } dotted:
                            ids.Add(dotted.Split('.')[0]);
                            break;
                        case "Fn::Sub":
                            var template = Text(value) ?? Text((value as JsonArray)?.FirstOrDefault());
                            foreach (Match match in SubVariable().Matches(template ?? string.Empty))
                            {
                                ids.Add(match.Groups["name"].Value.Split('.')[0]);
                            }

                            break;
                        default:
                            break;
                    }

                    Collect(value, ids);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, ids);
                }

                break;
            default:
                break;
        }
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z0-9:._-]+)\}")]
    private static partial Regex SubVariable();
}

/// <summary>One entry of Resources.</summary>
internal sealed record TemplateResource(string LogicalId, JsonObject Body)
{
    public string? Type => StackTemplate.Text(Body[nameof(Type)]);

    public JsonObject Properties => Body[nameof(Properties)] as JsonObject ?? [];

    public JsonObject Metadata => Body[nameof(Metadata)] as JsonObject ?? [];
}
