using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Json;
using Gdpr.Workflows.Engine.Data.Paths;

namespace Gdpr.Workflows.Engine.Data;

public static partial class JsonPaths
{
    /// <summary>
    /// The value at <paramref name="path"/>. A path with a wildcard, deep scan, filter, slice or index list
    /// yields a <see cref="JsonArray"/> of its matches (possibly empty). When a single-node path matches
    /// nothing this throws <see cref="AslRuntimeException"/> with <c>States.Runtime</c> and AWS's cause for
    /// InputPath/OutputPath, e.g. <c>Invalid path '$.a' : No results for path: $['a']</c>.
    /// </summary>
    public static JsonNode? Select(string path, PathContext context)
    {
        try
        {
            return SelectCore(path, context);
        }
        catch (Exception exception) when (exception is PathSyntaxException or PathNotFoundException)
        {
            throw new AslRuntimeException(ErrorNames.Runtime, $"Invalid path '{path}' : {exception.Message}");
        }
    }

    /// <summary>
    /// Like <see cref="Select"/>, with the cause AWS gives when a path in a named field fails (a <c>.$</c>
    /// template key, ErrorPath, CausePath): <c>The JSONPath '$.x' specified for the field 'value.$' could
    /// not be found in the input '{"a":1}'</c> (the input is the state's effective input).
    /// </summary>
    public static JsonNode? SelectForField(string path, PathContext context, string fieldName)
    {
        try
        {
            return SelectCore(path, context);
        }
        catch (Exception exception) when (exception is PathSyntaxException or PathNotFoundException)
        {
            throw new AslRuntimeException(
                ErrorNames.Runtime,
                $"The JSONPath '{path}' specified for the field '{fieldName}' could not be found in the input '{CanonicalJson.Serialize(context.Input)}'");
        }
    }

    /// <summary>
    /// The value at <paramref name="path"/>, or false when the path selects nothing or cannot be applied
    /// (what Choice's IsPresent and comparisons need). Throws only for a path that cannot be parsed.
    /// </summary>
    public static bool TrySelect(string path, PathContext context, out JsonNode? value)
    {
        value = null;
        CompiledPath compiled;
        try
        {
            compiled = PathCache.Get(path);
        }
        catch (PathSyntaxException exception)
        {
            throw new AslRuntimeException(ErrorNames.Runtime, $"Invalid path '{path}' : {exception.Message}");
        }

        if (!TryResolveRoot(compiled, context, out var root))
        {
            return false;
        }

        var matches = PathEvaluator.Evaluate(compiled, root, root, suppressErrors: true);
        if (compiled.IsDefinite)
        {
            if (matches.Count == 0)
            {
                return false;
            }

            value = JsonValues.Copy(matches[0]);
            return true;
        }

        value = new JsonArray(matches.Select(JsonValues.Copy).ToArray());
        return true;
    }

    private static JsonNode? SelectCore(string path, PathContext context)
    {
        var compiled = PathCache.Get(path);
        if (!TryResolveRoot(compiled, context, out var root))
        {
            throw new PathNotFoundException($"The variable '{compiled.VariableName}' is not defined");
        }

        if (compiled.Segments.Count == 0)
        {
            return JsonValues.Copy(root);
        }

        var matches = PathEvaluator.Evaluate(compiled, root, root, suppressErrors: false);
        return compiled.IsDefinite
            ? JsonValues.Copy(matches[0])
            : new JsonArray(matches.Select(JsonValues.Copy).ToArray());
    }

    private static bool TryResolveRoot(CompiledPath compiled, PathContext context, out JsonNode? root)
    {
        switch (compiled.Root)
        {
            case PathRoot.Context:
                root = context.ContextObject;
                return true;
            case PathRoot.Variable:
                (var found, root) = context.GetVariable(compiled.VariableName!);
                return found;
            default:
                root = context.Input;
                return true;
        }
    }
}
