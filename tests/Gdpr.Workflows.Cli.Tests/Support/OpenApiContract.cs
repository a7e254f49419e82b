using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.TestSupport.Repository;

namespace Gdpr.Workflows.Cli.Tests.Support;

/// <summary>
/// The repository's docs/openapi.json as a contract: its operations, and whether a real answer (status and JSON body)
/// is one it documents. Schemas are checked with the JSON Schema keywords the document uses (type, properties,
/// required, additionalProperties, items, enum, const, oneOf, $ref, format date/date-time); a keyword the checker does
/// not know is itself a problem, so the document cannot promise more than is checked.
/// </summary>
internal sealed class OpenApiContract
{
    private static readonly HashSet<string> Keywords = ["type", "properties", "required", "additionalProperties", "items", "enum", "const", "oneOf", "$ref", "format", "description"];

    private OpenApiContract(JsonObject document) => Document = document;

    public JsonObject Document { get; }

    public static string FilePath => RepositoryRoot.Combine("docs", "openapi.json");

    public static OpenApiContract Load() => new(JsonNode.Parse(File.ReadAllText(FilePath)) as JsonObject ?? throw new InvalidOperationException("docs/openapi.json is not a JSON object."));

    /// <summary>Every documented operation as "METHOD /path/{template}".</summary>
    public IReadOnlySet<string> Operations() =>
        Document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}")).ToHashSet(StringComparer.Ordinal);

    /// <summary>Null when the document has the operation, documents the status, and the body fits its schema; else what is wrong.</summary>
    public string? Check(string method, string pathTemplate, int status, JsonNode? body)
    {
        var name = $"{method} {pathTemplate} {status}";
        if (Document["paths"]?[pathTemplate]?[method.ToLowerInvariant()] is not JsonObject operation)
        {
            return $"{name}: the operation is not documented";
        }

        if (Resolve(operation["responses"]?[status.ToString(CultureInfo.InvariantCulture)]) is not JsonObject response)
        {
            return $"{name}: the status is not documented";
        }

        var problems = new List<string>();
        Validate(response["content"]?["application/json"]?["schema"], body, "$", problems);
        return problems.Count == 0 ? null : $"{name}: {string.Join("; ", problems)} in {body?.ToJsonString()}";
    }

    /// <summary>Null when the body a call sent (and the host accepted) fits the operation's documented request body; else what is wrong.</summary>
    public string? CheckRequest(string method, string pathTemplate, string? body)
    {
        var name = $"{method} {pathTemplate} request";
        if (Document["paths"]?[pathTemplate]?[method.ToLowerInvariant()] is not JsonObject operation)
        {
            return $"{name}: the operation is not documented";
        }

        if (operation["requestBody"] is not JsonObject requestBody)
        {
            return body is null ? null : $"{name}: a body was accepted, but none is documented";
        }

        if (body is null)
        {
            return requestBody["required"]?.GetValue<bool>() == true ? $"{name}: accepted without the body the document requires" : null;
        }

        var problems = new List<string>();
        Validate(requestBody["content"]?["application/json"]?["schema"], JsonNode.Parse(body), "$", problems);
        return problems.Count == 0 ? null : $"{name}: {string.Join("; ", problems)} in {body}";
    }

    private JsonNode? Resolve(JsonNode? node)
    {
        while (node is JsonObject o && o["$ref"]?.GetValue<string>() is { } reference)
        {
            node = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate<string, JsonNode?>(Document, (at, part) => at?[part])
                ?? throw new InvalidOperationException($"docs/openapi.json: {reference} leads nowhere.");
        }

        return node;
    }

    private void Validate(JsonNode? schemaNode, JsonNode? value, string where, List<string> problems)
    {
        if (Resolve(schemaNode) is not JsonObject schema)
        {
            problems.Add($"{where}: no schema is documented");
            return;
        }

        foreach (var keyword in schema.Select(p => p.Key).Where(k => !Keywords.Contains(k)))
        {
            problems.Add($"{where}: the checker does not know the keyword {keyword}");
        }

        if (schema["oneOf"] is JsonArray choices)
        {
            var fitting = choices.Count(choice =>
            {
                var found = new List<string>();
                Validate(choice, value, where, found);
                return found.Count == 0;
            });
            if (fitting != 1)
            {
                problems.Add($"{where}: fits {fitting} of the oneOf choices, not exactly one");
            }
        }

        if (schema["const"] is { } constant && !JsonNode.DeepEquals(constant, value))
        {
            problems.Add($"{where}: is not {constant.ToJsonString()}");
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            problems.Add($"{where}: {value?.ToJsonString() ?? "null"} is not one of {allowed.ToJsonString()}");
        }

        if (schema["type"] is { } type)
        {
            var types = type is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!types.Contains(KindOf(value)) && !(KindOf(value) == "integer" && types.Contains("number")))
            {
                problems.Add($"{where}: is {KindOf(value)}, not {string.Join(" or ", types)}");
                return;
            }
        }

        if (value is JsonValue text && text.TryGetValue(out string? s) && schema["format"]?.GetValue<string>() is { } format && !FitsFormat(format, s))
        {
            problems.Add($"{where}: '{s}' is not a {format}");
        }

        if (value is JsonObject json)
        {
            ValidateObject(schema, json, where, problems);
        }

        if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Validate(items, array[i], $"{where}[{i}]", problems);
            }
        }
    }

    private void ValidateObject(JsonObject schema, JsonObject json, string where, List<string> problems)
    {
        var properties = schema["properties"] as JsonObject ?? new JsonObject();
        foreach (var required in (schema["required"] as JsonArray ?? new JsonArray()).Select(r => r!.GetValue<string>()).Where(r => !json.ContainsKey(r)))
        {
            problems.Add($"{where}: lacks {required}");
        }

        foreach (var (key, member) in json)
        {
            if (properties[key] is { } property)
            {
                Validate(property, member, $"{where}.{key}", problems);
            }
            else if (schema["additionalProperties"] is JsonValue closed && !closed.GetValue<bool>())
            {
                problems.Add($"{where}: has {key}, which is not documented");
            }
            else if (schema["additionalProperties"] is JsonObject extra)
            {
                Validate(extra, member, $"{where}.{key}", problems);
            }
        }
    }

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue(out bool _) => "boolean",
        JsonValue v when v.TryGetValue(out string? _) => "string",
        JsonValue v when v.TryGetValue(out long _) => "integer",
        _ => "number",
    };

    private static bool FitsFormat(string format, string text) => format switch
    {
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date-time" => text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        _ => true,
    };
}
