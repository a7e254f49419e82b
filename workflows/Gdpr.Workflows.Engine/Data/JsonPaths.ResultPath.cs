using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Json;
using Gdpr.Workflows.Engine.Data.Paths;

namespace Gdpr.Workflows.Engine.Data;

public static partial class JsonPaths
{
    /// <summary>
    /// Combines a state's input and result as ResultPath says: <c>null</c> keeps the input and discards the
    /// result, <c>"$"</c> returns the result, any other reference path returns a copy of the input with the
    /// result set there, creating missing intermediate objects (<c>$.a.b</c> on <c>{}</c> gives
    /// <c>{"a":{"b":result}}</c>); an <c>[n]</c> step replaces an existing array element. When a step meets a
    /// value it cannot descend into (a string, a number, null, an array for a name, an index out of range),
    /// throws <see cref="AslRuntimeException"/> with <c>States.ResultPathMatchFailure</c>.
    /// The arguments are not modified; the returned node is new.
    /// </summary>
    public static JsonNode? ApplyResultPath(JsonNode? input, JsonNode? result, string? resultPath)
    {
        if (resultPath is null)
        {
            return JsonValues.Copy(input);
        }

        var compiled = CompileResultPath(resultPath);
        if (compiled.Segments.Count == 0)
        {
            return JsonValues.Copy(result);
        }

        var output = JsonValues.Copy(input);
        var current = output;
        for (var i = 0; i < compiled.Segments.Count; i++)
        {
            var isLast = i == compiled.Segments.Count - 1;
            current = compiled.Segments[i] switch
            {
                PropertySegment property => SetOrDescend(current, property.Names[0], isLast ? result : null, isLast),
                IndexSegment index => SetOrDescend(current, index.Indexes[0], isLast ? result : null, isLast),
                _ => throw new InvalidOperationException("A reference path holds only names and indexes."),
            };
        }

        return output;
    }

    private static CompiledPath CompileResultPath(string resultPath)
    {
        var problem = ValidateResultPath(resultPath);
        if (problem is not null)
        {
            throw new AslRuntimeException(ErrorNames.Runtime, $"Invalid path '{resultPath}' : {problem}");
        }

        return PathCache.Get(resultPath);
    }

    private static JsonNode? SetOrDescend(JsonNode? current, string name, JsonNode? result, bool isLast)
    {
        if (current is not JsonObject obj)
        {
            throw ResultPathMismatch(name, current);
        }

        if (isLast)
        {
            obj[name] = JsonValues.Copy(result);
            return null;
        }

        if (!obj.TryGetPropertyValue(name, out var child))
        {
            child = new JsonObject();
            obj[name] = child;
        }

        return child;
    }

    private static JsonNode? SetOrDescend(JsonNode? current, int index, JsonNode? result, bool isLast)
    {
        var step = "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
        if (current is not JsonArray array)
        {
            throw ResultPathMismatch(step, current);
        }

        var effective = index < 0 ? array.Count + index : index;
        if (effective < 0 || effective >= array.Count)
        {
            throw ResultPathMismatch(step, current);
        }

        if (isLast)
        {
            array[effective] = JsonValues.Copy(result);
            return null;
        }

        return array[effective];
    }

    private static AslRuntimeException ResultPathMismatch(string step, JsonNode? node) =>
        new(ErrorNames.ResultPathMatchFailure, $"Unable to apply step \"{step}\" to input {CanonicalJson.Serialize(node)}");
}
