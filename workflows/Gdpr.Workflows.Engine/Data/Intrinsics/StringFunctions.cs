using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Data.Intrinsics;

/// <summary>States.Format, States.StringSplit and States.UUID.</summary>
internal static class StringFunctions
{
    /// <summary>Replaces each <c>{}</c> of the template with the next argument; <c>\{</c> and <c>\}</c> are literal braces.</summary>
    public static JsonNode? Format(IntrinsicInvocation invocation)
    {
        var template = invocation.Call.Arguments[0] is LiteralArgument { EscapedText: { } escaped }
            ? escaped
            : invocation.String(0);

        var output = new StringBuilder(template.Length);
        var next = 1;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '\\' && i + 1 < template.Length && template[i + 1] is '{' or '}' or '\\' or '\'')
            {
                output.Append(template[++i]);
            }
            else if (c == '{' && i + 1 < template.Length && template[i + 1] == '}')
            {
                if (next >= invocation.Count)
                {
                    throw PlaceholderMismatch(invocation, template);
                }

                output.Append(JavaText.Render(invocation[next++]));
                i++;
            }
            else
            {
                output.Append(c);
            }
        }

        if (next != invocation.Count)
        {
            throw PlaceholderMismatch(invocation, template);
        }

        return JsonValue.Create(output.ToString());
    }

    /// <summary>Splits on every character of the delimiter string and drops empty pieces (Java's StringTokenizer).</summary>
    public static JsonNode? StringSplit(IntrinsicInvocation invocation)
    {
        var text = invocation.String(0);
        var delimiters = invocation.String(1).ToCharArray();

        // string.Split with no separators would split on white space; StringTokenizer keeps the whole text.
        var pieces = delimiters.Length == 0
            ? text.Length == 0 ? [] : [text]
            : text.Split(delimiters, StringSplitOptions.RemoveEmptyEntries);
        return new JsonArray(pieces.Select(piece => (JsonNode?)JsonValue.Create(piece)).ToArray());
    }

    /// <summary>A version 4 UUID, drawn from the invocation's random source.</summary>
    public static JsonNode? Uuid(IntrinsicInvocation invocation)
    {
        Span<byte> bytes = stackalloc byte[16];
        invocation.Random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return JsonValue.Create($"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}");
    }

    private static AslRuntimeException PlaceholderMismatch(IntrinsicInvocation invocation, string template)
    {
        var placeholders = CountPlaceholders(template);
        return invocation.Failure(
            $"The number of arguments ({invocation.Count - 1}) does not match the number of placeholders ({placeholders}) in the format string");
    }

    private static int CountPlaceholders(string template)
    {
        var count = 0;
        for (var i = 0; i + 1 < template.Length; i++)
        {
            if (template[i] == '\\')
            {
                i++;
            }
            else if (template[i] == '{' && template[i + 1] == '}')
            {
                count++;
                i++;
            }
        }

        return count;
    }
}
