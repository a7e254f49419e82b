using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Gdpr.Workflows.Stack.Tests.Template;

/// <summary>
/// Reads a CloudFormation/SAM YAML file into JSON, turning the short-form tags into their long form
/// (<c>!Ref X</c> → <c>{"Ref": "X"}</c>, <c>!GetAtt A.B</c> → <c>{"Fn::GetAtt": ["A", "B"]}</c>, any other
/// <c>!Name v</c> → <c>{"Fn::Name": v}</c>), so that unknown or future tags never stop the checks.
/// Scalars stay text: the checks compare names and ARNs, not numbers.
/// </summary>
internal static class CloudFormationYaml
{
    private const string CoreSchemaPrefix = "tag:yaml.org,2002:";

    public static JsonObject Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            stream.Load(reader);
        }

        if (stream.Documents.Count != 1)
        {
            throw new InvalidDataException($"{path}: expected one YAML document, found {stream.Documents.Count}");
        }

        return Convert(stream.Documents[0].RootNode) as JsonObject
            ?? throw new InvalidDataException($"{path}: the document is not a mapping");
    }

    private static JsonNode? Convert(YamlNode node)
    {
        var value = node switch
        {
            YamlScalarNode scalar => (JsonNode?)Scalar(scalar),
            YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(Convert)]),
            YamlMappingNode mapping => Mapping(mapping),
            _ => throw new InvalidDataException($"Unsupported YAML node at {node.Start}"),
        };

        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        return tag is null || tag.StartsWith(CoreSchemaPrefix, StringComparison.Ordinal) ? value : Intrinsic(tag, value, node);
    }

    private static JsonValue? Scalar(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "~" or "null"
            ? null
            : JsonValue.Create(scalar.Value ?? string.Empty);

    private static JsonObject Mapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value
                ?? throw new InvalidDataException($"Only scalar mapping keys are supported ({key.Start})");
            if (result.ContainsKey(name))
            {
                throw new InvalidDataException($"Duplicate key '{name}' at {key.Start}");
            }

            result[name] = Convert(value);
        }

        return result;
    }

    private static JsonObject Intrinsic(string tag, JsonNode? value, YamlNode node)
    {
        var name = tag.TrimStart('!');
        return name switch
        {
            "Ref" or "Condition" => new JsonObject { [name] = value },
            "GetAtt" when value is JsonValue dotted && dotted.TryGetValue(out string? text) => new JsonObject
            {
                ["Fn::GetAtt"] = SplitGetAtt(text, node),
            },
            _ => new JsonObject { ["Fn::" + name] = value },
        };
    }

    private static JsonArray SplitGetAtt(string text, YamlNode node)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0
            ? new JsonArray(JsonValue.Create(text[..dot]), JsonValue.Create(text[(dot + 1)..]))
            : throw new InvalidDataException($"!GetAtt needs LogicalId.Attribute, not '{text}' ({node.Start})");
    }
}
