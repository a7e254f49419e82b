using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Choice;
using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Tests.Choice;

/// <summary>
/// A deliberately small path reader for the Choice tests (the real JSONPath evaluator lives elsewhere):
/// roots <c>$</c>, <c>$$</c> and <c>$name</c>, then <c>.field</c> and <c>[index]</c> steps.
/// </summary>
internal static class TestPathReader
{
    public static readonly PathReader Read = TryRead;

    private static bool TryRead(string path, PathContext context, out JsonNode? value)
    {
        value = null;
        int position;
        JsonNode? current;
        if (path.StartsWith("$$", StringComparison.Ordinal))
        {
            current = context.ContextObject;
            position = 2;
        }
        else if (path.Length > 1 && char.IsAsciiLetter(path[1]))
        {
            position = 1;
            while (position < path.Length && char.IsAsciiLetterOrDigit(path[position]))
            {
                position++;
            }

            var (found, variable) = context.GetVariable(path[1..position]);
            if (!found)
            {
                return false;
            }

            current = variable;
        }
        else
        {
            current = context.Input;
            position = 1;
        }

        while (position < path.Length)
        {
            if (path[position] == '.')
            {
                var end = path.IndexOfAny(['.', '['], position + 1);
                end = end < 0 ? path.Length : end;
                if (current is not JsonObject obj || !obj.TryGetPropertyValue(path[(position + 1)..end], out current))
                {
                    return false;
                }

                position = end;
            }
            else
            {
                var close = path.IndexOf(']', position);
                var index = int.Parse(path[(position + 1)..close], CultureInfo.InvariantCulture);
                if (current is not JsonArray array || index >= array.Count)
                {
                    return false;
                }

                current = array[index];
                position = close + 1;
            }
        }

        value = current;
        return true;
    }
}
