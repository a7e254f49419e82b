using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Integrations.Lambda;

/// <summary>
/// JSON text as Python's <c>json.dumps</c> writes it by default (<c>", "</c> and <c>": "</c> separators,
/// non-ASCII escaped): the form in which Lambda's Python runtime returns payloads and error objects. Step
/// Functions passes that text on unchanged for plain function ARNs, so that is what the recorded causes hold.
/// </summary>
internal static class PythonStyleJson
{
    public static string Serialize(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (name, member) in obj)
                {
                    text.Append(first ? string.Empty : ", ");
                    first = false;
                    WriteString(name, text);
                    text.Append(": ");
                    Write(member, text);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    Write(array[i], text);
                }

                text.Append(']');
                break;
            default:
                var scalar = (JsonValue)node;
                if (scalar.GetValueKind() == JsonValueKind.String)
                {
                    WriteString(scalar.GetValue<string>(), text);
                }
                else
                {
                    // Numbers keep their own text (1.0 stays 1.0); true/false/null are spelt as in JSON.
                    text.Append(scalar.ToJsonString());
                }

                break;
        }
    }

    private static void WriteString(string value, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case < ' ' or > '~':
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }
}
