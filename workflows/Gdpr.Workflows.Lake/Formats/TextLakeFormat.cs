using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Lake.Matching;

namespace Gdpr.Workflows.Lake.Formats;

/// <summary>
/// The line-oriented formats (JSON lines, CSV): a file is split into records, each record's identifier cells are
/// matched, and the rewrite keeps every other record's bytes exactly as they were (line endings, quoting, key order,
/// number spelling), recompressed with the file's codec.
/// </summary>
public abstract class TextLakeFormat(LakeCompression compression) : ILakeFormat
{
    public LakeCompression Compression { get; } = compression;

    public ObjectScan Scan(byte[] bytes, SubjectMatcher matcher)
    {
        var (records, missing) = Match(TextCompression.Decompress(bytes, Compression), matcher);
        var bySubject = new Dictionary<int, long>();
        foreach (var record in records)
        {
            foreach (var subject in record.Subjects)
            {
                bySubject[subject] = bySubject.GetValueOrDefault(subject) + 1;
            }
        }

        return new ObjectScan(records.Count, bySubject, records.Count(r => r.Subjects.Count > 0), 0, 0, missing);
    }

    /// <summary>A record can be anywhere in a text file (and a compressed stream only decodes from its start): all of it is read.</summary>
    public async Task<(ObjectScan Scan, long BytesRead)> ScanAsync(long size, ReadRange read, SubjectMatcher matcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var bytes = size == 0 ? [] : await read(0, checked((int)size), cancellationToken);
        return (Scan(bytes, matcher), bytes.Length);
    }

    public ObjectRewrite Rewrite(byte[] bytes, SubjectMatcher matcher)
    {
        var text = TextCompression.Decompress(bytes, Compression);
        var (records, _) = Match(text, matcher);
        using var output = new MemoryStream(text.Length);
        var cursor = 0;
        long kept = 0;
        foreach (var record in records)
        {
            output.Write(text, cursor, record.Start - cursor); // a CSV header, blank lines between records
            if (record.Subjects.Count == 0)
            {
                output.Write(text, record.Start, record.Length);
                kept++;
            }

            cursor = record.Start + record.Length;
        }

        output.Write(text, cursor, text.Length - cursor);
        return new ObjectRewrite(TextCompression.Compress(output.GetBuffer().AsSpan(0, (int)output.Length), Compression), kept, records.Count - kept);
    }

    /// <summary>The file's records (byte ranges including their line end) with the subjects each names, and the identifier columns never seen.</summary>
    protected abstract (List<TextRecord> Records, List<string> Missing) Match(byte[] text, SubjectMatcher matcher);

    /// <summary>A record's bytes [Start, Start + Length) and the batch's subjects it names.</summary>
    protected sealed record TextRecord(int Start, int Length, IReadOnlyCollection<int> Subjects);
}
