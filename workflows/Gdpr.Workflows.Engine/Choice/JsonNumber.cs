using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// A JSON number compared by value, so <c>1</c> equals <c>1.0</c>. Exact decimal arithmetic when both
/// numbers fit in a decimal; otherwise (huge exponents) compared as doubles.
/// </summary>
internal readonly struct JsonNumber
{
    private readonly decimal? exact;
    private readonly double approximate;

    private JsonNumber(decimal? exact, double approximate)
    {
        this.exact = exact;
        this.approximate = approximate;
    }

    public static bool TryRead(JsonNode? node, out JsonNumber number)
    {
        number = default;
        if (node is null || node.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var text = node.ToJsonString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            number = new JsonNumber(value, (double)value);
            return true;
        }

        number = new JsonNumber(null, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        return true;
    }

    public int CompareTo(JsonNumber other) =>
        exact is { } left && other.exact is { } right
            ? left.CompareTo(right)
            : approximate.CompareTo(other.approximate);
}
