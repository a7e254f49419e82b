using System.Buffers.Binary;
using Parquet;

namespace Gdpr.Workflows.Lake.Formats;

/// <summary>
/// Fetches of a Parquet object only what a scan decodes: the footer, then the column chunks it names. The object is
/// laid out at its own offsets in a buffer of its size, so Arrow C++ opens it as the whole file; the bytes never
/// fetched stay zero, and Arrow never reads them (it reads a column chunk's byte range only when that column is read).
/// </summary>
internal static class ParquetRanges
{
    /// <summary>Arrow's own first footer read: one request usually holds the whole footer.</summary>
    private const int TailRead = 64 * 1024;

    /// <summary>Ranges closer than this are fetched as one request: a request's round trip costs more than the gap.</summary>
    private const int MergeGap = 256 * 1024;

    /// <summary>Arrow reads this much past a chunk for files of parquet-mr before 1.2.9 (PARQUET-816): fetched always.</summary>
    private const int ChunkPadding = 100;

    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    /// <summary>
    /// The object's buffer holding its footer and the ranges <paramref name="chunksToDecode"/> names (given the buffer
    /// with the footer in place), and the bytes fetched. An object that is not a plain Parquet file (too short, no
    /// footer magic, an encrypted footer) is fetched whole, so the scan reports it as the whole-object scan would.
    /// </summary>
    public static async Task<(byte[] Bytes, long BytesRead)> FetchAsync(
        long size, ReadRange read, Func<byte[], Task<IEnumerable<(long Offset, long Length)>>> chunksToDecode, CancellationToken cancellationToken)
    {
        var buffer = new byte[checked((int)size)];
        long fetched = 0;
        var tail = (int)Math.Min(size, TailRead);
        await FillAsync(size - tail, tail);
        var footer = FooterLength(buffer);
        if (footer is null)
        {
            await FillAsync(0, size - tail);
            return (buffer, fetched);
        }

        var footerStart = size - 8 - footer.Value;
        if (footerStart < size - tail)
        {
            await FillAsync(footerStart, size - tail - footerStart);
        }

        var fetchedFrom = Math.Min(footerStart, size - tail);
        foreach (var (offset, length) in Merge(await chunksToDecode(buffer), fetchedFrom))
        {
            await FillAsync(offset, length);
        }

        return (buffer, fetched);

        async Task FillAsync(long offset, long length)
        {
            if (length <= 0)
            {
                return;
            }

            var bytes = await read(offset, checked((int)length), cancellationToken);
            bytes.CopyTo(buffer, offset);
            fetched += bytes.Length;
        }
    }

    /// <summary>
    /// Where each column chunk lies, from the footer (Parquet.Net reads it: ParquetSharp does not expose a chunk's page
    /// offsets). The footer alone is handed over as a file of its own, behind the leading magic Parquet.Net checks.
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<(long Offset, long Length)>>> ChunkLayoutAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var footer = FooterLength(buffer) ?? throw new InvalidDataException("The object has no Parquet footer.");
        var file = new byte[Magic.Length + footer + 8];
        Magic.CopyTo(file, 0);
        buffer.AsSpan(buffer.Length - 8 - footer).CopyTo(file.AsSpan(Magic.Length));
        using var stream = new MemoryStream(file, writable: false);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        var meta = reader.Metadata ?? throw new InvalidDataException("The Parquet footer could not be read.");
        return meta.RowGroups.Select(group => (IReadOnlyList<(long, long)>)group.Columns.Select(Range).ToList()).ToList();

        static (long, long) Range(Parquet.Meta.ColumnChunk chunk)
        {
            var column = chunk.MetaData ?? throw new InvalidDataException("A column chunk has no metadata in the footer.");
            // As Arrow computes a chunk's range: from the dictionary page when it comes first, for the compressed size.
            var start = column.DictionaryPageOffset is > 0 and var dictionary && dictionary < column.DataPageOffset ? dictionary : column.DataPageOffset;
            return (start, column.TotalCompressedSize + ChunkPadding);
        }
    }

    /// <summary>The footer's length, or null when the object does not end as a plain Parquet file.</summary>
    private static int? FooterLength(byte[] buffer)
    {
        if (buffer.Length < 12 || !buffer.AsSpan(buffer.Length - 4).SequenceEqual(Magic))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(buffer.Length - 8, 4));
        return length > 0 && length <= buffer.Length - 12 ? length : null;
    }

    /// <summary>The ranges clipped to what is not fetched yet (before <paramref name="fetchedFrom"/>), sorted and merged.</summary>
    private static List<(long Offset, long Length)> Merge(IEnumerable<(long Offset, long Length)> ranges, long fetchedFrom)
    {
        var merged = new List<(long Start, long End)>();
        var clipped = ranges.Select(r => (Start: Math.Max(0, r.Offset), End: Math.Min(fetchedFrom, r.Offset + r.Length))).Where(r => r.End > r.Start);
        foreach (var (start, end) in clipped.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && start - merged[^1].End <= MergeGap)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged.Select(r => (r.Start, r.End - r.Start)).ToList();
    }
}
