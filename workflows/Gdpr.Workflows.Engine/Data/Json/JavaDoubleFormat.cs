using System.Globalization;
using System.Text;

namespace Gdpr.Workflows.Engine.Data.Json;

/// <summary>
/// Renders a double the way Java's Double.toString does (and so Jackson, which Step Functions uses):
/// shortest round-trip digits, plain notation for 1e-3 &lt;= |d| &lt; 1e7 with at least one fraction digit
/// ("1.0", "0.001"), computerized scientific notation otherwise ("1.0E7", "1.5E-5").
/// </summary>
internal static class JavaDoubleFormat
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        var exponent = pointPosition - 1;
        var builder = new StringBuilder(digits.Length + 8);
        if (value < 0)
        {
            builder.Append('-');
        }

        if (exponent is >= -3 and < 7)
        {
            AppendPlain(builder, digits, pointPosition);
        }
        else
        {
            builder.Append(digits[0]).Append('.');
            builder.Append(digits.Length > 1 ? digits.AsSpan(1) : "0");
            builder.Append('E').Append(exponent.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static void AppendPlain(StringBuilder builder, string digits, int pointPosition)
    {
        if (pointPosition <= 0)
        {
            builder.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            builder.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
        }
        else
        {
            builder.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }
    }

    /// <summary>
    /// The significant digits of the shortest round-trip representation (no leading or trailing zeros)
    /// and where the decimal point goes: value = 0.DIGITS × 10^pointPosition.
    /// </summary>
    private static (string Digits, int PointPosition) ShortestDigits(double positive)
    {
        var text = positive.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot >= 0 ? text[..dot] : text;
        var fractionPart = dot >= 0 ? text[(dot + 1)..] : string.Empty;
        var digits = integerPart + fractionPart;
        var pointPosition = integerPart.Length + exponent;

        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, pointPosition - leadingZeros);
    }
}
