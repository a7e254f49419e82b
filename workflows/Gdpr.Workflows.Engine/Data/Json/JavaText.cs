using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data.Json;

/// <summary>
/// How Step Functions' Java runtime turns a JSON value into text for States.Format: strings as they are,
/// numbers as Java prints them, objects and arrays as Java's Map/List toString (<c>{Arg1=1, Arg2=[]}</c>).
/// </summary>
internal static class JavaText
{
    public static string Render(JsonNode? node)
    {
        if (JsonValues.TryGetString(node, out var text))
        {
            return text;
        }

        var builder = new StringBuilder();
        Append(node, builder);
        return builder.ToString();
    }

    private static void Append(JsonNode? node, StringBuilder builder)
    {
        switch (JsonValues.KindOf(node))
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in node!.AsObject())
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    builder.Append(key).Append('=');
                    Append(value, builder);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var array = node!.AsArray();
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(array[i], builder);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                builder.Append(JsonValues.ReadString(node!.AsValue()));
                break;
            case JsonValueKind.Number:
                JsonNumber.TryRead(node, out var number);
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
}
