using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Data.Paths;

/// <summary>The predicate of a <c>[?(...)]</c> step, with Jayway's comparison rules.</summary>
internal abstract class FilterExpression
{
    /// <summary>Whether <paramref name="current"/> (the <c>@</c> node) passes; <paramref name="root"/> is <c>$</c>.</summary>
    public abstract bool Test(JsonNode? current, JsonNode? root);
}

internal sealed class OrFilter(FilterExpression left, FilterExpression right) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) => left.Test(current, root) || right.Test(current, root);
}

internal sealed class AndFilter(FilterExpression left, FilterExpression right) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) => left.Test(current, root) && right.Test(current, root);
}

internal sealed class NotFilter(FilterExpression inner) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) => !inner.Test(current, root);
}

/// <summary><c>[?(@.x)]</c>: the path selects something (a null value counts).</summary>
internal sealed class ExistsFilter(FilterOperand operand) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) => operand.Evaluate(current, root).IsDefined;
}

internal sealed class CompareFilter(FilterOperand left, string op, FilterOperand right) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) =>
        FilterComparison.Apply(left.Evaluate(current, root), op, right.Evaluate(current, root));
}

/// <summary>A value inside a filter: undefined (path matched nothing), a JSON value, or a regex literal.</summary>
internal readonly record struct FilterValue(bool IsDefined, JsonNode? Node, Regex? Pattern)
{
    public static FilterValue Undefined => new(false, null, null);

    public static FilterValue Of(JsonNode? node) => new(true, node, null);
}

internal abstract class FilterOperand
{
    public abstract FilterValue Evaluate(JsonNode? current, JsonNode? root);
}

internal sealed class LiteralOperand(JsonNode? value) : FilterOperand
{
    public override FilterValue Evaluate(JsonNode? current, JsonNode? root) => FilterValue.Of(value);
}

internal sealed class RegexOperand(Regex pattern) : FilterOperand
{
    public override FilterValue Evaluate(JsonNode? current, JsonNode? root) => new(true, null, pattern);
}

internal sealed class PathOperand(CompiledPath path) : FilterOperand
{
    public override FilterValue Evaluate(JsonNode? current, JsonNode? root)
    {
        var start = path.Root == PathRoot.Current ? current : root;

        // AWS documents that '@' in a filter only matches objects, never scalar values.
        if (path.Root == PathRoot.Current && path.Segments.Count == 0 && start is not (JsonObject or JsonArray))
        {
            return FilterValue.Undefined;
        }

        var matches = PathEvaluator.Evaluate(path, start, root, suppressErrors: true);
        if (path.IsDefinite)
        {
            return matches.Count == 0 ? FilterValue.Undefined : FilterValue.Of(matches[0]);
        }

        return FilterValue.Of(new JsonArray(matches.Select(JsonValues.Copy).ToArray()));
    }
}

/// <summary>Jayway's relational operators over filter values.</summary>
internal static class FilterComparison
{
    public static readonly IReadOnlySet<string> WordOperators = new HashSet<string>(StringComparer.Ordinal)
    {
        "in", "nin", "subsetof", "anyof", "noneof", "size", "empty", "contains",
    };

    public static bool Apply(FilterValue left, string op, FilterValue right) => op switch
    {
        "==" => ValuesEqual(left, right),
        "!=" => !ValuesEqual(left, right),
        "<" => Compare(left, right) is < 0,
        "<=" => Compare(left, right) is <= 0,
        ">" => Compare(left, right) is > 0,
        ">=" => Compare(left, right) is >= 0,
        "=~" => MatchesRegex(left, right),
        "in" => AsList(right) is { } list && list.Any(item => ValuesEqual(left, FilterValue.Of(item))),
        "nin" => AsList(right) is not { } excluded || !excluded.Any(item => ValuesEqual(left, FilterValue.Of(item))),
        "subsetof" => AsList(left) is { } subset && AsList(right) is { } superset
            && subset.All(item => superset.Any(other => NodesEqual(item, other))),
        "anyof" => AsList(left) is { } any && AsList(right) is { } anyOf
            && any.Any(item => anyOf.Any(other => NodesEqual(item, other))),
        "noneof" => AsList(left) is { } none && AsList(right) is { } noneOf
            && !none.Any(item => noneOf.Any(other => NodesEqual(item, other))),
        "size" => SizeOf(left) is { } size && JsonNumber.TryRead(right.Node, out var expected)
            && expected.CompareTo(JsonNumber.FromInteger(size)) == 0,
        "empty" => SizeOf(left) is { } length && JsonValues.TryGetBoolean(right.Node, out var wantEmpty)
            && (length == 0) == wantEmpty,
        "contains" => Contains(left, right),
        _ => false,
    };

    private static bool ValuesEqual(FilterValue left, FilterValue right)
    {
        if (!left.IsDefined || !right.IsDefined)
        {
            return false;
        }

        return NodesEqual(left.Node, right.Node);
    }

    /// <summary>Jayway equality: numbers by value (1 == 1.0), a number equals a string holding it, containers as JSON.</summary>
    private static bool NodesEqual(JsonNode? left, JsonNode? right)
    {
        var leftIsNumber = JsonNumber.TryRead(left, out var leftNumber);
        var rightIsNumber = JsonNumber.TryRead(right, out var rightNumber);
        if (leftIsNumber && rightIsNumber)
        {
            return leftNumber.CompareTo(rightNumber) == 0;
        }

        if (leftIsNumber && JsonValues.TryGetString(right, out var rightText))
        {
            return JsonNumber.TryParse(rightText, out var parsed) && parsed.CompareTo(leftNumber) == 0;
        }

        if (rightIsNumber && JsonValues.TryGetString(left, out var leftText))
        {
            return JsonNumber.TryParse(leftText, out var parsed) && parsed.CompareTo(rightNumber) == 0;
        }

        return JsonEquality.AreEqual(left, right);
    }

    private static int? Compare(FilterValue left, FilterValue right)
    {
        if (!left.IsDefined || !right.IsDefined)
        {
            return null;
        }

        if (JsonNumber.TryRead(left.Node, out var a) && JsonNumber.TryRead(right.Node, out var b))
        {
            return a.CompareTo(b);
        }

        if (JsonValues.TryGetString(left.Node, out var x) && JsonValues.TryGetString(right.Node, out var y))
        {
            return string.CompareOrdinal(x, y);
        }

        return null;
    }

    private static bool MatchesRegex(FilterValue left, FilterValue right)
    {
        if (right.Pattern is null || !left.IsDefined)
        {
            return false;
        }

        var input = JsonValues.KindOf(left.Node) switch
        {
            JsonValueKind.String => JsonValues.ReadString(left.Node!.AsValue()),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => CanonicalJson.Serialize(left.Node),
            _ => null,
        };

        try
        {
            return input is not null && right.Pattern.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static JsonArray? AsList(FilterValue value) => value.IsDefined ? value.Node as JsonArray : null;

    private static int? SizeOf(FilterValue value)
    {
        if (!value.IsDefined)
        {
            return null;
        }

        if (value.Node is JsonArray array)
        {
            return array.Count;
        }

        return JsonValues.TryGetString(value.Node, out var text) ? text.Length : null;
    }

    private static bool Contains(FilterValue left, FilterValue right)
    {
        if (!left.IsDefined || !right.IsDefined)
        {
            return false;
        }

        if (JsonValues.TryGetString(left.Node, out var text))
        {
            return JsonValues.TryGetString(right.Node, out var part) && text.Contains(part, StringComparison.Ordinal);
        }

        return left.Node is JsonArray array && array.Any(item => NodesEqual(item, right.Node));
    }
}
