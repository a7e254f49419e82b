using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Data.Intrinsics;

/// <summary>States.StringToJson, States.JsonToString and States.JsonMerge.</summary>
internal static class JsonFunctions
{
    /// <summary>Parses a JSON string; an empty (or blank) string gives null, as on AWS.</summary>
    public static JsonNode? StringToJson(IntrinsicInvocation invocation)
    {
        var text = invocation.String(0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return CanonicalJson.Parse(text);
        }
        catch (JsonException exception)
        {
            throw invocation.Failure($"The argument is not valid JSON: {exception.Message}");
        }
    }

    /// <summary>The compact JSON text of the argument, as Step Functions prints it.</summary>
    public static JsonNode? JsonToString(IntrinsicInvocation invocation) =>
        JsonValue.Create(CanonicalJson.Serialize(invocation[0]));

    /// <summary>
    /// Shallow merge: keys of the second object replace those of the first. Only shallow mode exists, so the
    /// third argument must be false. Keys come out in Java HashMap order, as AWS returns them.
    /// </summary>
    public static JsonNode? JsonMerge(IntrinsicInvocation invocation)
    {
        var first = invocation.Object(0);
        var second = invocation.Object(1);
        if (invocation.Boolean(2))
        {
            throw invocation.Failure("Deep merge is not supported; the third argument must be false");
        }

        var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var insertionOrder = new List<string>();
        foreach (var source in new[] { first, second })
        {
            foreach (var (key, value) in source)
            {
                if (!values.ContainsKey(key))
                {
                    insertionOrder.Add(key);
                }

                values[key] = value;
            }
        }

        var merged = new JsonObject();
        foreach (var key in JavaHashMapOrder.Order(insertionOrder))
        {
            merged[key] = JsonValues.Copy(values[key]);
        }

        return merged;
    }
}
