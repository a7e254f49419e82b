using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// JSON text as Step Functions renders payloads (its Java runtime writes them with Jackson): compact, object
/// key order kept, only <c>"</c>, <c>\</c> and control characters escaped (non-ASCII written as is), integers
/// verbatim and every other number as Java's Double.toString: <c>1.0</c> stays <c>1.0</c>, <c>1</c> stays
/// <c>1</c>, <c>1.50</c> becomes <c>1.5</c>, <c>1e20</c> becomes <c>1.0E20</c>.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 512 };

    /// <summary>The compact text of <paramref name="node"/> (a null reference is JSON <c>null</c>).</summary>
    public static string Serialize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    /// <summary>Appends the compact text of <paramref name="node"/> to <paramref name="builder"/>.</summary>
    public static void Write(JsonNode? node, StringBuilder builder)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var firstProperty = true;
                foreach (var (key, value) in obj)
                {
                    if (!firstProperty)
                    {
                        builder.Append(',');
                    }

                    firstProperty = false;
                    WriteString(key, builder);
                    builder.Append(':');
                    Write(value, builder);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(array[i], builder);
                }

                builder.Append(']');
                break;
            case JsonValue value:
                WriteValue(value, builder);
                break;
        }
    }

    /// <summary>
    /// Parses JSON text into nodes that keep each number's literal text (so 1.0 and 1 stay distinct).
    /// A repeated object key keeps its first position and its last value, as Jackson does.
    /// Throws <see cref="JsonException"/> for text that is not a single JSON value.
    /// </summary>
    public static JsonNode? Parse(string json)
    {
        using var document = JsonDocument.Parse(json, ParseOptions);
        return FromElement(document.RootElement);
    }

    /// <summary>Like <see cref="Parse"/>, but false instead of an exception for invalid text.</summary>
    public static bool TryParse(string json, out JsonNode? node)
    {
        try
        {
            node = Parse(json);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    internal static void WriteString(string text, StringBuilder builder)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u00").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static void WriteValue(JsonValue value, StringBuilder builder)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(JsonValues.ReadString(value), builder);
                break;
            case JsonValueKind.Number:
                JsonNumber.TryRead(value, out var number);
                builder.Append(number.ToJsonText());
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            default:
                builder.Append("null");
                break;
        }
    }

    private static JsonNode? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = FromElement(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(FromElement(item));
                }

                return array;
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString()!);
            case JsonValueKind.Number:
                return JsonValue.Create(element.Clone());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }
}
