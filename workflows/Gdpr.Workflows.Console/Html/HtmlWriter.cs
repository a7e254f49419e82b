using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Gdpr.Workflows.WebConsole.Html;

/// <summary>
/// Builds a page. Every value goes through <see cref="Text"/> or an attribute, both HTML-encoded, with bidirectional
/// controls (U+202E and its kin) shown as visible codes so a value cannot reorder what the page says around it.
/// Markup itself is only ever a constant of this assembly (tag and attribute names).
/// </summary>
public sealed class HtmlWriter
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private readonly StringBuilder builder = new(8 * 1024);

    /// <summary>An element with attributes (null values are left out; an empty value is a boolean attribute).</summary>
    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        builder.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(' ').Append(name);
            if (value.Length > 0)
            {
                builder.Append("=\"").Append(Encoder.Encode(Neutralise(value))).Append('"');
            }
        }

        builder.Append('>');
        return this;
    }

    public HtmlWriter Close(string tag)
    {
        builder.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding <paramref name="text"/> (encoded).</summary>
    public HtmlWriter Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>A void element (input, meta, link, br).</summary>
    public HtmlWriter Void(string tag, params (string Name, string? Value)[] attributes) => Open(tag, attributes);

    /// <summary>Text content, encoded.</summary>
    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            builder.Append(Encoder.Encode(Neutralise(text)));
        }

        return this;
    }

    public HtmlWriter Number(long value) => Text(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Markup from a constant of this assembly (a doctype, an SVG path built from numbers).</summary>
    internal HtmlWriter Markup(string trusted)
    {
        builder.Append(trusted);
        return this;
    }

    public override string ToString() => builder.ToString();

    /// <summary>Bidirectional formatting characters become visible "[U+202E]" so they cannot reorder the page.</summary>
    public static string Neutralise(string text)
    {
        if (!text.AsSpan().ContainsAny(BidiControls))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (BidiControls.Contains(c))
            {
                result.Append("[U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> BidiControls = System.Buffers.SearchValues.Create(
        "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");
}
