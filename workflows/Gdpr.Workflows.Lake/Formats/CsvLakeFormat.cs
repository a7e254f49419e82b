using System.Text;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Lake.Matching;

namespace Gdpr.Workflows.Lake.Formats;

/// <summary>
/// CSV (RFC 4180, comma-separated, UTF-8, a header line naming the columns): quoted fields may hold commas, doubled
/// quotes and line breaks. An unterminated quote fails the object.
/// </summary>
public sealed class CsvLakeFormat(LakeCompression compression) : TextLakeFormat(compression)
{
    protected override (List<TextRecord> Records, List<string> Missing) Match(byte[] text, SubjectMatcher matcher)
    {
        var columns = matcher.Columns;
        var position = 0;
        var header = ReadRecord(text, ref position);
        if (header is null)
        {
            return ([], columns.Select(c => c.Name).ToList());
        }

        var indexes = columns.Select(c => header.Fields.IndexOf(c.Name)).ToArray();
        var records = new List<TextRecord>();
        while (ReadRecord(text, ref position) is { } record)
        {
            if (record.Fields.Count == 1 && record.Fields[0].Length == 0)
            {
                continue; // a blank line
            }

            HashSet<int>? subjects = null;
            for (var c = 0; c < indexes.Length; c++)
            {
                if (indexes[c] >= 0 && indexes[c] < record.Fields.Count)
                {
                    foreach (var subject in matcher.Match(c, record.Fields[indexes[c]]))
                    {
                        (subjects ??= []).Add(subject);
                    }
                }
            }

            records.Add(new TextRecord(record.Start, record.Length, (IReadOnlyCollection<int>?)subjects ?? []));
        }

        return (records, columns.Where((_, i) => indexes[i] < 0).Select(c => c.Name).ToList());
    }

    private sealed record CsvRecord(int Start, int Length, List<string> Fields);

    private static CsvRecord? ReadRecord(byte[] text, ref int position)
    {
        if (position >= text.Length)
        {
            return null;
        }

        var start = position;
        var fields = new List<string>();
        var field = new List<byte>();
        var quoted = false;
        var i = position;
        for (; i < text.Length; i++)
        {
            var b = text[i];
            if (quoted)
            {
                if (b == (byte)'"')
                {
                    if (i + 1 < text.Length && text[i + 1] == (byte)'"')
                    {
                        field.Add(b);
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Add(b);
                }
            }
            else if (b == (byte)'"')
            {
                quoted = true;
            }
            else if (b == (byte)',')
            {
                fields.Add(Encoding.UTF8.GetString([.. field]));
                field.Clear();
            }
            else if (b == (byte)'\n')
            {
                i++;
                break;
            }
            else if (b != (byte)'\r')
            {
                field.Add(b);
            }
        }

        if (quoted)
        {
            throw new InvalidDataException("A quoted CSV field is not closed before the end of the file.");
        }

        fields.Add(Encoding.UTF8.GetString([.. field]));
        position = i;
        return new CsvRecord(start, i - start, fields);
    }
}
