using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// Payload templates of JSONPath states: Parameters, ResultSelector, ItemSelector and Assign. A key ending
/// in <c>.$</c> takes the value of its path (<c>$...</c>, <c>$$...</c>, <c>$var...</c>) or intrinsic function
/// call and loses the suffix; objects and arrays are processed recursively; everything else is copied.
/// As on AWS, the resolved <c>.$</c> keys follow the literal keys, in Java HashMap order.
/// </summary>
public static class PayloadTemplate
{
    private const string DynamicSuffix = ".$";

    /// <summary>
    /// The payload <paramref name="template"/> produces for <paramref name="context"/>. A path that selects
    /// nothing fails with <c>States.Runtime</c> and AWS's cause (<c>The JSONPath '$.x' specified for the field
    /// 'x.$' could not be found in the input '...'</c>); a failing intrinsic with <c>States.IntrinsicFailure</c>.
    /// <paramref name="fieldName"/> is the state field the template comes from (Parameters, Assign, ...); it
    /// locates malformed entries in error causes. The template and the context are not modified.
    /// </summary>
    public static JsonNode? Evaluate(JsonNode? template, PathContext context, string fieldName) =>
        EvaluateNode(template, context, "/" + fieldName);

    /// <summary>
    /// Null when every <c>.$</c> entry of <paramref name="template"/> holds a string that is a valid path or a
    /// valid intrinsic function call; otherwise AWS's message for the first bad entry, e.g. <c>The value for the
    /// field 'x.$' must be a valid JSONPath or a valid intrinsic function call</c>. With
    /// <paramref name="location"/> (e.g. <c>/States/Pass/Parameters</c>) the message ends with
    /// <c> at {location}</c>, extended to the nested object that holds the entry.
    /// </summary>
    public static string? Validate(JsonNode? template, string? location = null) => template switch
    {
        JsonObject obj => ValidateObject(obj, location),
        JsonArray array => array.Select((item, index) => Validate(item, ChildOrNull(location, IndexKey(index))))
            .FirstOrDefault(problem => problem is not null),
        _ => null,
    };

    private static JsonNode? EvaluateNode(JsonNode? node, PathContext context, string location) => node switch
    {
        JsonObject obj => EvaluateObject(obj, context, location),
        JsonArray array => new JsonArray(array
            .Select((item, index) => EvaluateNode(item, context, Child(location, IndexKey(index))))
            .ToArray()),
        _ => JsonValues.Copy(node),
    };

    private static JsonObject EvaluateObject(JsonObject template, PathContext context, string location)
    {
        var plan = Plans.GetValue(template, Plan.For);
        var output = new JsonObject();
        var resolved = plan.Dynamic.Length == 0 ? [] : new JsonNode?[plan.Dynamic.Length];
        foreach (var (key, value) in template)
        {
            if (IsDynamic(key))
            {
                resolved[plan.SlotOf[key]] = Resolve(key, value, context, location);
            }
            else
            {
                output[key] = value is JsonObject or JsonArray ? EvaluateNode(value, context, Child(location, key)) : JsonValues.Copy(value);
            }
        }

        // AWS copies the literal part of the template, then adds the resolved values from a HashMap.
        for (var i = 0; i < plan.Dynamic.Length; i++)
        {
            output[plan.Dynamic[i]] = resolved[i];
        }

        return output;
    }

    /// <summary>Templates are parsed once and never change, so each object's HashMap order is computed once.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonObject, Plan> Plans = new();

    private sealed class Plan
    {
        private Plan(string[] dynamic, Dictionary<string, int> slotOf)
        {
            Dynamic = dynamic;
            SlotOf = slotOf;
        }

        /// <summary>The resolved names, in the order AWS writes them.</summary>
        public string[] Dynamic { get; }

        /// <summary>Where each <c>.$</c> key's value goes in <see cref="Dynamic"/>.</summary>
        public Dictionary<string, int> SlotOf { get; }

        public static Plan For(JsonObject template)
        {
            var names = template.Select(p => p.Key).Where(IsDynamic).Select(k => k[..^DynamicSuffix.Length]).Distinct(StringComparer.Ordinal).ToList();
            var ordered = JavaHashMapOrder.Order(names).ToArray();
            var position = ordered.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
            var slotOf = template.Select(p => p.Key).Where(IsDynamic).ToDictionary(k => k, k => position[k[..^DynamicSuffix.Length]], StringComparer.Ordinal);
            return new Plan(ordered, slotOf);
        }
    }

    private static JsonNode? Resolve(string key, JsonNode? value, PathContext context, string location)
    {
        if (!JsonValues.TryGetString(value, out var expression))
        {
            throw new AslRuntimeException(ErrorNames.Runtime, NotAString(key, value) + " at " + location);
        }

        if (expression.StartsWith('$'))
        {
            return JsonPaths.SelectForField(expression, context, key);
        }

        if (IntrinsicFunctions.LooksLikeCall(expression))
        {
            return IntrinsicFunctions.Evaluate(expression, context, key);
        }

        throw new AslRuntimeException(ErrorNames.Runtime, NotAPathOrCall(key) + " at " + location);
    }

    private static string? ValidateObject(JsonObject template, string? location)
    {
        foreach (var (key, value) in template)
        {
            var problem = IsDynamic(key)
                ? ValidateEntry(key, value) is { } entryProblem ? entryProblem + (location is null ? string.Empty : " at " + location) : null
                : Validate(value, ChildOrNull(location, key));
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ValidateEntry(string key, JsonNode? value)
    {
        if (!JsonValues.TryGetString(value, out var expression))
        {
            return NotAString(key, value);
        }

        var problem = expression.StartsWith('$') ? JsonPaths.ValidatePath(expression)
            : IntrinsicFunctions.LooksLikeCall(expression) ? IntrinsicFunctions.Validate(expression)
            : "neither a path nor an intrinsic function call";
        return problem is null ? null : NotAPathOrCall(key);
    }

    private static bool IsDynamic(string key) => key.EndsWith(DynamicSuffix, StringComparison.Ordinal);

    private static string NotAString(string key, JsonNode? value)
    {
        var type = JsonValues.TypeName(value);
        var article = type[0] is 'A' or 'E' or 'I' or 'O' or 'U' ? "an" : "a";
        return $"The value for the field '{key}' must be a STRING that contains a JSONPath but was {article} {type}";
    }

    private static string NotAPathOrCall(string key) =>
        $"The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call";

    /// <summary>The JSON Pointer of a member, for error locations.</summary>
    private static string Child(string location, string key) =>
        location + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string? ChildOrNull(string? location, string key) => location is null ? null : Child(location, key);

    private static string IndexKey(int index) => index.ToString(CultureInfo.InvariantCulture);
}
