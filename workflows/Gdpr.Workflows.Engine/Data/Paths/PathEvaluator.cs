using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Data.Paths;

/// <summary>
/// Evaluates a compiled path the way Jayway JsonPath (which Step Functions uses) does: a definite path
/// that selects nothing fails with Jayway's message ("No results for path: $['a']", "Missing property in
/// path $['a']", ...); an indefinite path silently skips what is missing.
/// </summary>
internal static class PathEvaluator
{
    // AWS's Java runtime reads JSON with Jackson and hands it to Jayway's Jackson provider; Jayway's
    // messages name the Java type it found, so we name the one Java would have.
    private const string JsonProviderName = "com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider";

    /// <summary>
    /// The nodes selected from <paramref name="start"/> (not copied). With <paramref name="suppressErrors"/>
    /// (filters, TrySelect) nothing throws: a miss is an empty list. Indefinite paths never throw.
    /// </summary>
    public static List<JsonNode?> Evaluate(CompiledPath path, JsonNode? start, JsonNode? documentRoot, bool suppressErrors)
    {
        // AWS returns [] for an indefinite path whatever stops it ("$.items[*]" on {}), like Jayway
        // with SUPPRESS_EXCEPTIONS; only single-node paths report why they found nothing.
        suppressErrors |= !path.IsDefinite;
        var walk = new Walk(path, documentRoot, suppressErrors);
        try
        {
            walk.Step(0, start);
        }
        catch (PathNotFoundException) when (suppressErrors)
        {
            return [];
        }

        if (path.IsDefinite && walk.Results.Count == 0 && !suppressErrors)
        {
            throw new PathNotFoundException("No results for path: " + path.Normalized);
        }

        return walk.Results;
    }

    private sealed class Walk
    {
        private readonly CompiledPath path;
        private readonly JsonNode? documentRoot;
        private readonly bool suppressErrors;
        private readonly bool[] upstreamDefinite;

        public Walk(CompiledPath path, JsonNode? documentRoot, bool suppressErrors)
        {
            this.path = path;
            this.documentRoot = documentRoot;
            this.suppressErrors = suppressErrors;
            upstreamDefinite = new bool[path.Segments.Count + 1];
            upstreamDefinite[0] = true;
            for (var i = 0; i < path.Segments.Count; i++)
            {
                upstreamDefinite[i + 1] = upstreamDefinite[i] && path.Segments[i].IsDefinite;
            }
        }

        public List<JsonNode?> Results { get; } = [];

        public void Step(int index, JsonNode? node)
        {
            if (index == path.Segments.Count)
            {
                Results.Add(node);
                return;
            }

            switch (path.Segments[index])
            {
                case PropertySegment property:
                    StepProperty(index, property, node);
                    break;
                case IndexSegment indexes:
                    StepIndexes(index, indexes, node);
                    break;
                case SliceSegment slice:
                    StepSlice(index, slice, node);
                    break;
                case WildcardSegment:
                    StepChildren(index, node);
                    break;
                case FilterSegment filter:
                    StepFilter(index, filter, node);
                    break;
                case DeepScanSegment scan:
                    Scan(index, scan.Inner, node);
                    break;
                case FunctionSegment function:
                    Step(index + 1, ApplyFunction(function, node));
                    break;
            }
        }

        private bool MustThrow(int index) => !suppressErrors && upstreamDefinite[index];

        private void StepProperty(int index, PropertySegment property, JsonNode? node)
        {
            if (node is not JsonObject obj)
            {
                if (MustThrow(index))
                {
                    throw new PathNotFoundException(
                        $"Expected to find an object with property {property.Text} in path {path.NormalizedPrefix(index)} " +
                        $"but found '{JavaTypeName(node)}'. This is not a json object according to the JsonProvider: '{JsonProviderName}'.");
                }

                return;
            }

            if (property.Names.Count > 1 && property.IsLeaf)
            {
                var merged = new JsonObject();
                foreach (var name in property.Names)
                {
                    if (obj.TryGetPropertyValue(name, out var value))
                    {
                        merged[name] = JsonValues.Copy(value);
                    }
                }

                Step(index + 1, merged);
                return;
            }

            foreach (var name in property.Names)
            {
                if (obj.TryGetPropertyValue(name, out var value))
                {
                    Step(index + 1, value);
                }
                else if (index + 1 < path.Segments.Count && property.IsDefinite && MustThrow(index))
                {
                    throw new PathNotFoundException("Missing property in path " + path.NormalizedPrefix(index + 1));
                }
            }
        }

        private JsonArray? RequireArray(int index, PathSegment segment, JsonNode? node)
        {
            if (node is JsonArray array)
            {
                return array;
            }

            if (MustThrow(index))
            {
                throw new PathNotFoundException(JsonValues.IsNull(node)
                    ? $"The path {path.NormalizedPrefix(index)} is null"
                    : $"Filter: {segment.Text} can only be applied to arrays. Current context is: {ModelText(node)}");
            }

            return null;
        }

        private void StepIndexes(int index, IndexSegment segment, JsonNode? node)
        {
            if (RequireArray(index, segment, node) is not { } array)
            {
                return;
            }

            foreach (var i in segment.Indexes)
            {
                var effective = i < 0 ? array.Count + i : i;
                if (effective >= 0 && effective < array.Count)
                {
                    Step(index + 1, array[effective]);
                }
            }
        }

        private void StepSlice(int index, SliceSegment slice, JsonNode? node)
        {
            if (RequireArray(index, slice, node) is not { } array)
            {
                return;
            }

            var length = array.Count;
            var from = slice.From is { } f ? (f < 0 ? Math.Max(0, length + f) : f) : 0;
            var to = slice.To is { } t ? (t < 0 ? Math.Max(0, length + t) : Math.Min(length, t)) : length;
            for (var i = from; i < to; i++)
            {
                Step(index + 1, array[i]);
            }
        }

        private void StepChildren(int index, JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (_, value) in obj.ToList())
                    {
                        Step(index + 1, value);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array.ToList())
                    {
                        Step(index + 1, item);
                    }

                    break;
            }
        }

        private void StepFilter(int index, FilterSegment filter, JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (filter.Expression.Test(obj, documentRoot))
                    {
                        Step(index + 1, obj);
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array.ToList())
                    {
                        if (filter.Expression.Test(item, documentRoot))
                        {
                            Step(index + 1, item);
                        }
                    }

                    break;
                default:
                    if (MustThrow(index))
                    {
                        throw new PathNotFoundException(
                            $"Filter: {filter.Text} can not be applied to primitives. Current context is: {ModelText(node)}");
                    }

                    break;
            }
        }

        /// <summary>Jayway's deep scan: the inner step at this node, then at every descendant, depth first.</summary>
        private void Scan(int index, PathSegment inner, JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    switch (inner)
                    {
                        case PropertySegment property:
                            foreach (var name in property.Names)
                            {
                                if (obj.TryGetPropertyValue(name, out var value))
                                {
                                    Step(index + 1, value);
                                }
                            }

                            break;
                        case WildcardSegment:
                            StepChildren(index, obj);
                            break;
                        case FilterSegment filter when filter.Expression.Test(obj, documentRoot):
                            Step(index + 1, obj);
                            break;
                    }

                    foreach (var (_, value) in obj.ToList())
                    {
                        Scan(index, inner, value);
                    }

                    break;
                case JsonArray array:
                    switch (inner)
                    {
                        case WildcardSegment:
                            StepChildren(index, array);
                            break;
                        case IndexSegment indexes:
                            StepIndexes(index, indexes, array);
                            break;
                        case SliceSegment slice:
                            StepSlice(index, slice, array);
                            break;
                    }

                    foreach (var item in array.ToList())
                    {
                        Scan(index, inner, item);
                    }

                    break;
            }
        }

        private static JsonValue? ApplyFunction(FunctionSegment function, JsonNode? node)
        {
            if (function.Name == "length")
            {
                return node switch
                {
                    JsonArray array => JsonValue.Create(array.Count),
                    JsonObject obj => JsonValue.Create(obj.Count),
                    _ => null,
                };
            }

            // Step Functions fails paths that use Jayway's other functions (sum(), min(), ...) at run time.
            throw new PathNotFoundException($"Function with name: {function.Name} is not supported");
        }
    }

    /// <summary>How Jayway prints the node it stopped at: strings bare, anything else as JSON.</summary>
    private static string ModelText(JsonNode? node) =>
        JsonValues.TryGetString(node, out var text) ? text : CanonicalJson.Serialize(node);

    /// <summary>The Java class Jayway's Jackson provider hands over for a value (named in its messages).</summary>
    internal static string JavaTypeName(JsonNode? node)
    {
        switch (JsonValues.KindOf(node))
        {
            case JsonValueKind.Array:
                return "com.fasterxml.jackson.databind.node.ArrayNode";
            case JsonValueKind.Object:
                return "com.fasterxml.jackson.databind.node.ObjectNode";
            case JsonValueKind.String:
                return "java.lang.String";
            case JsonValueKind.True or JsonValueKind.False:
                return "java.lang.Boolean";
            case JsonValueKind.Number:
                JsonNumber.TryRead(node, out var number);
                if (!number.IsInteger)
                {
                    return "java.lang.Double";
                }

                return number.Integer >= int.MinValue && number.Integer <= int.MaxValue ? "java.lang.Integer"
                    : number.Integer >= long.MinValue && number.Integer <= long.MaxValue ? "java.lang.Long"
                    : "java.math.BigInteger";
            default:
                return "null";
        }
    }
}
