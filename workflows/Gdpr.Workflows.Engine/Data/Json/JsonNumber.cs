using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data.Json;

/// <summary>
/// A JSON number as Step Functions' Java runtime sees it: an integer literal (no fraction, no exponent) stays an
/// exact integer, anything else is a double. The engine's one number type (Choice rules, JSONPath filters,
/// intrinsic functions, JSON equality and printing).
/// </summary>
/// <remarks>
/// Equality, two kinds of it:
/// <list type="bullet">
/// <item><see cref="CompareTo"/> compares values only: <c>1</c> and <c>1.0</c> compare as equal (Choice rules'
/// NumericEquals and the JSONPath filters' <c>==</c>). Integers compare exactly; other numbers as decimals when both
/// fit in one (so 0.1 + 0.2 style literals compare as written), else as doubles.</item>
/// <item><see cref="Equals(JsonNumber)"/> and <c>==</c> compare value and kind: <c>1</c> and <c>1.0</c> are
/// different JSON values, as Step Functions keeps them (States.ArrayContains, States.ArrayUnique, JSON equality).</item>
/// </list>
/// </remarks>
internal readonly struct JsonNumber : IEquatable<JsonNumber>
{
    private readonly decimal? exact;

    private JsonNumber(BigInteger integer, double floating, bool isInteger, decimal? exact)
    {
        Integer = integer;
        Floating = floating;
        IsInteger = isInteger;
        this.exact = exact;
    }

    public bool IsInteger { get; }

    /// <summary>The exact value when <see cref="IsInteger"/>.</summary>
    public BigInteger Integer { get; }

    /// <summary>The value as a double (also set for integers).</summary>
    public double Floating { get; }

    public static JsonNumber FromInteger(BigInteger value) => new(value, (double)value, isInteger: true, exact: null);

    public static JsonNumber FromDouble(double value) => new(BigInteger.Zero, value, isInteger: false, exact: null);

    public static bool operator ==(JsonNumber left, JsonNumber right) => left.Equals(right);

    public static bool operator !=(JsonNumber left, JsonNumber right) => !left.Equals(right);

    /// <summary>Reads a number node; false when the node is not a JSON number.</summary>
    public static bool TryRead(JsonNode? node, out JsonNumber number)
    {
        number = default;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetValue(out JsonElement element))
        {
            return TryParse(element.GetRawText(), out number);
        }

        number = FromClrValue(value);
        return true;
    }

    public static bool TryParse(string text, out JsonNumber number)
    {
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0
            && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            number = FromInteger(integer);
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var floating))
        {
            var exact = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (decimal?)null;
            number = new JsonNumber(BigInteger.Zero, floating, isInteger: false, exact);
            return true;
        }

        number = default;
        return false;
    }

    /// <summary>True when the value has no fractional part (1.0 counts as integral).</summary>
    public bool IsIntegral => IsInteger || (double.IsFinite(Floating) && Math.Floor(Floating) == Floating);

    /// <summary>The JSON text Step Functions prints: integers verbatim, doubles as Java's Double.toString.</summary>
    public string ToJsonText() => IsInteger
        ? Integer.ToString(CultureInfo.InvariantCulture)
        : JavaDoubleFormat.Format(Floating);

    /// <summary>A fresh node holding this number's JSON text (so 1.0 stays a double).</summary>
    public JsonNode ToNode() => JsonNode.Parse(ToJsonText())!;

    /// <summary>Compares values regardless of kind: 1 and 1.0 compare as equal (see the remarks).</summary>
    public int CompareTo(JsonNumber other)
    {
        if (IsInteger && other.IsInteger)
        {
            return Integer.CompareTo(other.Integer);
        }

        if (Exact is { } left && other.Exact is { } right)
        {
            return left.CompareTo(right);
        }

        return Floating.CompareTo(other.Floating);
    }

    /// <summary>Same value and same kind: 1 and 1.0 are not equal here (see the remarks).</summary>
    public bool Equals(JsonNumber other) => IsInteger == other.IsInteger && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is JsonNumber other && Equals(other);

    public override int GetHashCode() => IsInteger ? Integer.GetHashCode() : Floating.GetHashCode();

    /// <summary>The value as a decimal when it fits in one.</summary>
    private decimal? Exact => exact
        ?? (IsInteger && Integer >= (BigInteger)decimal.MinValue && Integer <= (BigInteger)decimal.MaxValue ? (decimal)Integer : null);

    private static JsonNumber FromClrValue(JsonValue value)
    {
        if (value.TryGetValue(out int i))
        {
            return FromInteger(i);
        }

        if (value.TryGetValue(out long l))
        {
            return FromInteger(l);
        }

        if (value.TryGetValue(out double d))
        {
            return FromDouble(d);
        }

        if (value.TryGetValue(out decimal m))
        {
            return m == decimal.Truncate(m) && m.Scale == 0 ? FromInteger(new BigInteger(m)) : FromDouble((double)m);
        }

        if (value.TryGetValue(out float f))
        {
            return FromDouble(f);
        }

        // Rare CLR types (short, byte, uint, ulong, Half, ...): their JSON text tells us the kind.
        var parsed = TryParse(value.ToJsonString(), out var fromText);
        return parsed ? fromText : FromDouble(double.NaN);
    }
}
