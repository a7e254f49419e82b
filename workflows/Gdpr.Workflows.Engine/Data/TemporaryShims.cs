// TEMPORARY: minimal stand-ins until the data layer branch lands; deleted on merge.
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data;

public static partial class JsonPaths
{
    public static JsonNode? Select(string path, PathContext context) =>
        TrySelect(path, context, out var v) ? v : throw new AslRuntimeException(ErrorNames.Runtime, $"Invalid path '{path}' : No results for path: {path}");

    public static bool TrySelect(string path, PathContext context, out JsonNode? value)
    {
        JsonNode? node;
        string rest;
        if (path.StartsWith("$$", StringComparison.Ordinal)) { node = context.ContextObject; rest = path[2..]; }
        else if (path.Length > 1 && path[0] == '$' && char.IsLetter(path[1]))
        {
            var end = 1; while (end < path.Length && (char.IsLetterOrDigit(path[end]) || path[end] == '_')) end++;
            var (found, v) = context.GetVariable(path[1..end]);
            if (!found) { value = null; return false; }
            node = v; rest = path[end..];
        }
        else { node = context.Input; rest = path[1..]; }
        foreach (var part in rest.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = part; int? index = null;
            var br = part.IndexOf('[', StringComparison.Ordinal);
            if (br >= 0) { name = part[..br]; index = int.Parse(part[(br + 1)..^1], System.Globalization.CultureInfo.InvariantCulture); }
            if (name.Length > 0) { if (node is JsonObject o && o.TryGetPropertyValue(name, out var c)) node = c; else { value = null; return false; } }
            if (index is { } i) { if (node is JsonArray a && i < a.Count) node = a[i]; else { value = null; return false; } }
        }

        value = node?.DeepClone();
        return true;
    }

    public static JsonNode? ApplyResultPath(JsonNode? input, JsonNode? result, string? resultPath)
    {
        if (resultPath is null) return input?.DeepClone();
        if (resultPath == "$") return result?.DeepClone();
        var root = input is JsonObject ? (JsonObject)input.DeepClone() : new JsonObject();
        var parts = resultPath[2..].Split('.');
        var node = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (node[parts[i]] is not JsonObject child) { child = new JsonObject(); node[parts[i]] = child; }
            node = child;
        }
        node[parts[^1]] = result?.DeepClone();
        return root;
    }

    public static string? ValidatePath(string path) => path.StartsWith('$') ? null : "must start with $";

    public static string? ValidateReferencePath(string path) => ValidatePath(path);
}

public static class PayloadTemplate
{
    public static JsonNode? Evaluate(JsonNode? template, PathContext context, string fieldName)
    {
        switch (template)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (k, v) in o)
                {
                    if (k.EndsWith(".$", StringComparison.Ordinal))
                    {
                        var expr = v!.GetValue<string>();
                        result[k[..^2]] = expr.StartsWith("States.", StringComparison.Ordinal) ? IntrinsicFunctions.Evaluate(expr, context) : JsonPaths.Select(expr, context);
                    }
                    else result[k] = Evaluate(v, context, fieldName);
                }
                return result;
            case JsonArray a:
                return new JsonArray([.. a.Select(x => Evaluate(x, context, fieldName))]);
            default:
                return template?.DeepClone();
        }
    }

    public static string? Validate(JsonNode template) => null;
}

public static class IntrinsicFunctions
{
    public static JsonNode? Evaluate(string expression, PathContext context) => throw new AslRuntimeException(ErrorNames.IntrinsicFailure, "not yet");

    public static string? Validate(string expression) => null;
}
