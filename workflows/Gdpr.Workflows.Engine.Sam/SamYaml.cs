using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// Reads CloudFormation YAML into JSON nodes. Short-form tags become their long form
/// (<c>!GetAtt A.B</c> → <c>{"Fn::GetAtt": ["A", "B"]}</c>, <c>!Ref X</c> → <c>{"Ref": "X"}</c>), so the resolver
/// sees one shape. Plain scalars become null, booleans or numbers following JSON's grammar (YAML 1.2 core schema),
/// so <c>012345678901</c> or <c>0x1F</c> stay strings; quoted and block scalars are always strings.
/// </summary>
internal sealed partial class SamYaml
{
    private static readonly Dictionary<string, string> ShortForms = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!Sub"] = "Fn::Sub",
        ["!Join"] = "Fn::Join",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!If"] = "Fn::If",
        ["!Equals"] = "Fn::Equals",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!Not"] = "Fn::Not",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!Base64"] = "Fn::Base64",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!Cidr"] = "Fn::Cidr",
        ["!Length"] = "Fn::Length",
        ["!ToJsonString"] = "Fn::ToJsonString",
    };

    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    private readonly string _filePath;

    private SamYaml(string filePath, SourceLines lines)
    {
        _filePath = filePath;
        Lines = lines;
    }

    public SourceLines Lines { get; }

    /// <summary>Parses one YAML document; throws <see cref="SamTemplateException"/> with the line of malformed YAML.</summary>
    public static (JsonNode? Root, SourceLines Lines) Parse(string text, string filePath)
    {
        var reader = new SamYaml(filePath, new SourceLines());
        var root = reader.Convert(reader.LoadDocument(text));
        return (root, reader.Lines);
    }

    private YamlNode LoadDocument(string text)
    {
        var parser = new Parser(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new SamTemplateException(
                _filePath, (int)e.Start.Line, $"malformed YAML at column {e.Start.Column}: {ReasonOf(e)}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections; the last event read is the best position.
            var at = parser.Current?.Start;
            throw new SamTemplateException(
                _filePath, at is null ? null : (int)at.Value.Line, "malformed YAML: an unterminated flow collection ([...] or {...}) or quoted scalar", e);
        }

        return stream.Documents.Count switch
        {
            0 => throw new SamTemplateException(_filePath, null, "the file holds no YAML document"),
            1 => stream.Documents[0].RootNode,
            _ => throw new SamTemplateException(
                _filePath, (int)stream.Documents[1].RootNode.Start.Line, "the file holds more than one YAML document"),
        };
    }

    // YamlException's message repeats the marks "(Line: 3, Col: 2, Idx: 11) - (...): "; the line is reported separately.
    private static string ReasonOf(YamlException e) => MarkPrefix().Replace(e.Message, string.Empty);

    private JsonNode? Convert(YamlNode node)
    {
        var tag = node.Tag;
        JsonNode? converted;
        if (tag.IsEmpty || tag.IsNonSpecific)
        {
            converted = ConvertUntagged(node);
        }
        else if (tag.Value.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
        {
            converted = ConvertCoreTagged(node, tag.Value[CoreTagPrefix.Length..]);
        }
        else if (ShortForms.TryGetValue(tag.Value, out var longForm))
        {
            converted = ConvertShortForm(node, longForm);
        }
        else
        {
            throw Error(node, $"unknown tag '{tag.Value}'; CloudFormation short forms are {string.Join(", ", ShortForms.Keys)}");
        }

        Lines.Record(converted, (int)node.Start.Line);
        return converted;
    }

    private JsonNode? ConvertUntagged(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Style == ScalarStyle.Plain ? PlainScalar(scalar.Value ?? string.Empty) : JsonValue.Create(scalar.Value ?? string.Empty),
        YamlSequenceNode sequence => ConvertSequence(sequence),
        YamlMappingNode mapping => ConvertMapping(mapping),
        _ => throw Error(node, $"unsupported YAML node {node.NodeType}"),
    };

    private JsonArray ConvertSequence(YamlSequenceNode sequence)
    {
        var array = new JsonArray();
        foreach (var item in sequence.Children)
        {
            array.Add(Convert(item));
        }

        return array;
    }

    private JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var obj = new JsonObject();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw Error(keyNode, "a mapping key must be a scalar");
            }

            if (obj.ContainsKey(key))
            {
                throw Error(keyNode, $"duplicate key '{key}'");
            }

            var value = Convert(valueNode);

            // A block mapping or list starts on the line below its key; errors read better pointing at the key.
            if (value is JsonObject or JsonArray)
            {
                Lines.Record(value, (int)keyNode.Start.Line);
            }

            obj[key] = value;
        }

        return obj;
    }

    private JsonNode? ConvertCoreTagged(YamlNode node, string coreTag)
    {
        if (node is not YamlScalarNode scalar)
        {
            return ConvertUntagged(node);
        }

        var text = scalar.Value ?? string.Empty;
        return coreTag switch
        {
            "str" => JsonValue.Create(text),
            "null" => null,
            "bool" or "int" or "float" => PlainScalar(text) is JsonValue value && !IsString(value)
                ? value
                : throw Error(node, $"'{text}' is not a valid !!{coreTag}"),
            _ => throw Error(node, $"unsupported tag '!!{coreTag}'"),
        };
    }

    private JsonObject ConvertShortForm(YamlNode node, string longForm)
    {
        JsonNode? argument;
        if (node is YamlScalarNode scalar)
        {
            var text = scalar.Value ?? string.Empty;
            argument = longForm == "Fn::GetAtt" ? SplitGetAtt(node, text) : JsonValue.Create(text);
        }
        else
        {
            argument = ConvertUntagged(node);
        }

        Lines.Record(argument, (int)node.Start.Line);
        return new JsonObject { [longForm] = argument };
    }

    private JsonArray SplitGetAtt(YamlNode node, string text)
    {
        // The logical id never holds a dot; the attribute may (Outputs.Name), so split at the first one.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == text.Length - 1)
        {
            throw Error(node, $"!GetAtt '{text}' must read LogicalId.Attribute");
        }

        return [text[..dot], text[(dot + 1)..]];
    }

    private static JsonNode? PlainScalar(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        // Parsed from the text so the number keeps its exact spelling (1.10 stays 1.10 when written back).
        return JsonNumber().IsMatch(text)
            ? JsonNode.Parse(text)
            : JsonValue.Create(text);
    }

    private static bool IsString(JsonValue value) => value.GetValueKind() == System.Text.Json.JsonValueKind.String;

    private SamTemplateException Error(YamlNode node, string message) =>
        new(_filePath, (int)node.Start.Line, string.Create(CultureInfo.InvariantCulture, $"{message} (column {node.Start.Column})"));

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPrefix();
}
