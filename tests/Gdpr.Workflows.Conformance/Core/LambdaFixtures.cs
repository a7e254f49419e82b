using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Integrations.Lambda;

namespace Gdpr.Workflows.Conformance.Core;

/// <summary>
/// C# equivalents of the corpus' Python Lambda handlers, as the corpus README's "Lambda fixtures, described"
/// table says. Errors carry the Python stack traces the recordings show, so recorded causes match.
/// </summary>
internal static class LambdaFixtures
{
    public const string PythonExceptionTrace =
        "  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n";

    public const string PythonCustomExceptionTrace =
        "  File \"/var/task/handler.py\", line 9, in handler\n    raise CustomException()\n";

    /// <summary>257 × 1024 bytes: over Step Functions' 256 KiB result limit.</summary>
    public const int LargeOutputLength = 257 * 1024;

    private static readonly string[] KnownFiles =
    [
        "id_function.py", "raise_exception.py", "raise_custom_exception.py", "large_output_string.py",
        "wait_60_seconds.py", "return_bytes_str.py", "return_decorated_input.py", "echo_function.py",
    ];

    public static bool IsKnown(string handlerFile) => KnownFiles.Contains(Path.GetFileName(handlerFile), StringComparer.Ordinal);

    private static async Task<JsonNode?> WaitThenReturnAsync(JsonNode? payload, TimeSpan wait, TimeProvider time, CancellationToken cancellationToken)
    {
        await Task.Delay(wait, time, cancellationToken);
        return payload;
    }

    /// <summary>The handler for <paramref name="handlerFile"/>; <paramref name="time"/> paces the sleeping one.</summary>
    public static Func<JsonNode?, LambdaInvocationContext, CancellationToken, Task<JsonNode?>> For(string handlerFile, TimeProvider time) =>
        Path.GetFileName(handlerFile) switch
        {
            "id_function.py" => (payload, _, _) => Task.FromResult(payload),
            "raise_exception.py" => (_, _, _) =>
                throw new LambdaFunctionException("Exception", "Some exception was raised.", [PythonExceptionTrace]),
            "raise_custom_exception.py" => (_, _, _) =>

                // The class sets a message attribute but no args, so Python's str() of it is empty.
                throw new LambdaFunctionException("CustomException", string.Empty, [PythonCustomExceptionTrace]),
            "large_output_string.py" => (_, _, _) => Task.FromResult<JsonNode?>(JsonValue.Create(new string('a', LargeOutputLength))),
            "wait_60_seconds.py" => (payload, _, cancellationToken) => WaitThenReturnAsync(payload, TimeSpan.FromSeconds(60), time, cancellationToken),
            "return_bytes_str.py" => (_, _, _) => Task.FromResult<JsonNode?>(JsonValue.Create("HelloWorld!")),
            "return_decorated_input.py" => (payload, _, _) =>
                Task.FromResult<JsonNode?>(JsonValue.Create("input-event-" + PythonRepr(payload))),
            "echo_function.py" => (_, _, _) => Task.FromResult<JsonNode?>(new JsonObject { ["Return"] = "HelloWorld" }),
            _ => throw new ArgumentException($"No C# equivalent of the Lambda fixture '{handlerFile}'.", nameof(handlerFile)),
        };

    /// <summary>Python's <c>str()</c> of the value json.loads gives for <paramref name="node"/>.</summary>
    public static string PythonRepr(JsonNode? node)
    {
        var text = new StringBuilder();
        WriteRepr(node, text);
        return text.ToString();
    }

    private static void WriteRepr(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("None");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    text.Append(first ? string.Empty : ", ");
                    first = false;
                    WriteStringRepr(name, text);
                    text.Append(": ");
                    WriteRepr(value, text);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    WriteRepr(array[i], text);
                }

                text.Append(']');
                break;
            default:
                var scalar = (JsonValue)node;
                switch (scalar.GetValueKind())
                {
                    case JsonValueKind.String: WriteStringRepr(scalar.GetValue<string>(), text); break;
                    case JsonValueKind.True: text.Append("True"); break;
                    case JsonValueKind.False: text.Append("False"); break;
                    default: text.Append(NumberRepr(scalar.ToJsonString())); break;
                }

                break;
        }
    }

    /// <summary>Python's repr of a str: single quotes unless the text holds a single quote and no double quote.</summary>
    private static void WriteStringRepr(string value, StringBuilder text)
    {
        var quote = value.Contains('\'', StringComparison.Ordinal) && !value.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        text.Append(quote);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        text.Append('\\').Append(c);
                    }
                    else if (c < ' ' || c == '\x7f')
                    {
                        text.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append(quote);
    }

    /// <summary>JSON numbers as Python prints what json.loads made of them: ints as written, floats via repr.</summary>
    private static string NumberRepr(string json)
    {
        if (!json.Contains('.', StringComparison.Ordinal) && !json.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            return json;
        }

        var value = double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture);
        var repr = value.ToString("R", CultureInfo.InvariantCulture);
        return repr.Contains('.', StringComparison.Ordinal) || repr.Contains('E', StringComparison.Ordinal) ? repr.Replace("E", "e", StringComparison.Ordinal) : repr + ".0";
    }
}
