using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data.Json;

/// <summary>
/// A JSON number as Step Functions' Java runtime sees it: an integer literal (no fraction, no exponent)
/// stays an exact integer, anything else is a double. 1 and 1.0 are therefore different values.
/// </summary>
internal readonly struct JsonNumber
{
    private JsonNumber(BigInteger integer, double floating, bool isInteger)
    {
        Integer = integer;
        Floating = floating;
        IsInteger = isInteger;
    }

    public bool IsInteger { get; }

    /// <summary>The exact value when <see cref="IsInteger"/>.</summary>
    public BigInteger Integer { get; }

    /// <summary>The value as a double (also set for integers).</summary>
    public double Floating { get; }

    public static JsonNumber FromInteger(BigInteger value) => new(value, (double)value, isInteger: true);

    public static JsonNumber FromDouble(double value) => new(BigInteger.Zero, value, isInteger: false);

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
            number = FromDouble(floating);
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

    /// <summary>Numeric comparison regardless of integer/double kind.</summary>
    public int CompareTo(JsonNumber other)
    {
        if (IsInteger && other.IsInteger)
        {
            return Integer.CompareTo(other.Integer);
        }

        return Floating.CompareTo(other.Floating);
    }

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
