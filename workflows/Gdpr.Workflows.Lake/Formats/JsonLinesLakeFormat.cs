using System.Globalization;
using System.Text.Json;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Lake.Matching;

namespace Gdpr.Workflows.Lake.Formats;

/// <summary>
/// JSON lines: one object per line; an identifier column is a property path ("user.email"), a string or a number, or
/// an array of them. A line that is not a JSON object fails the object (it is never dropped or kept unread).
/// </summary>
public sealed class JsonLinesLakeFormat(LakeCompression compression) : TextLakeFormat(compression)
{
    protected override (List<TextRecord> Records, List<string> Missing) Match(byte[] text, SubjectMatcher matcher)
    {
        var columns = matcher.Columns;
        var paths = columns.Select(c => c.Name.Split('.')).ToArray();
        var seen = new bool[columns.Count];
        var records = new List<TextRecord>();
        var start = 0;
        var lineNumber = 0;
        while (start < text.Length)
        {
            var newline = Array.IndexOf(text, (byte)'\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            lineNumber++;
            var line = text.AsSpan(start, end - start).TrimEnd("\r\n"u8);
            if (line.Trim(" \t"u8).Length == 0)
            {
                start = end;
                continue;
            }

            HashSet<int>? subjects = null;
            try
            {
                using var document = JsonDocument.Parse(line.ToArray());
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"Line {lineNumber} is not a JSON object.");
                }

                for (var c = 0; c < paths.Length; c++)
                {
                    if (Find(document.RootElement, paths[c]) is { } value)
                    {
                        seen[c] = true;
                        foreach (var subject in Cells(value).SelectMany(cell => matcher.Match(c, cell).ToArray()))
                        {
                            (subjects ??= []).Add(subject);
                        }
                    }
                }
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Line {lineNumber} is not valid JSON ({e.GetType().Name}).", e);
            }

            records.Add(new TextRecord(start, end - start, (IReadOnlyCollection<int>?)subjects ?? []));
            start = end;
        }

        return (records, columns.Where((_, i) => !seen[i]).Select(c => c.Name).ToList());
    }

    private static JsonElement? Find(JsonElement element, string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element;
    }

    private static IEnumerable<string> Cells(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Number => [value.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : value.GetRawText()],
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Cells).ToList(),
        _ => [],
    };
}
