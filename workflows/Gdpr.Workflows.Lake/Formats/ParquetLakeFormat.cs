using System.Text;
using Gdpr.Workflows.Lake.Matching;
using ParquetSharp;

namespace Gdpr.Workflows.Lake.Formats;

/// <summary>
/// Parquet through Arrow C++ (ParquetSharp). Finding decodes only the identifier columns, and only in row groups whose
/// min/max statistics do not rule the batch out. The rewrite copies every column at the physical level (values with
/// their definition and repetition levels) into a writer built from the file's own schema nodes, so INT96, decimals
/// (whatever physical type holds them), nested and repeated fields, logical types and the key-value metadata (e.g.
/// pyarrow's ARROW:schema) come back as they were; each column keeps its codec and dictionary encoding, each row group
/// stays a row group (less the removed rows), and the format version is kept.
/// </summary>
/// <remarks>
/// ParquetSharp exposes neither bloom filters nor dictionary pages, so row groups are skipped by statistics only.
/// Compression levels are not recorded in a file; the codec's default level is used.
/// </remarks>
public sealed class ParquetLakeFormat : ILakeFormat
{
    private const int Batch = 8192;

    public ObjectScan Scan(byte[] bytes, SubjectMatcher matcher)
    {
        using var file = new ParquetBytes(bytes);
        var reader = file.Reader;
        using var meta = reader.FileMetaData;
        var (leaves, missing) = IdentifierLeaves(meta, matcher);
        var bySubject = new Dictionary<int, long>();
        long rows = 0, matched = 0;
        var skipped = 0;
        for (var g = 0; g < meta.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            var count = group.MetaData.NumRows;
            rows += count;
            if (!MayMatch(group, leaves, matcher))
            {
                skipped++;
                continue;
            }

            var found = FindRows(group, meta, leaves, matcher, count);
            matched += found.Removed.Count(r => r);
            foreach (var (_, subject) in found.Pairs)
            {
                bySubject[subject] = bySubject.GetValueOrDefault(subject) + 1;
            }
        }

        return new ObjectScan(rows, bySubject, matched, meta.NumRowGroups, skipped, missing);
    }

    /// <summary>
    /// Fetches the footer, then only the identifier column chunks of the row groups whose statistics do not rule the
    /// batch out, and scans those: the bytes fetched are those the scan decodes, not the object's size.
    /// </summary>
    public async Task<(ObjectScan Scan, long BytesRead)> ScanAsync(long size, ReadRange read, SubjectMatcher matcher, CancellationToken cancellationToken)
    {
        var (bytes, fetched) = await ParquetRanges.FetchAsync(size, read, buffer => ChunksToDecodeAsync(buffer, matcher, cancellationToken), cancellationToken);
        return (Scan(bytes, matcher), fetched);
    }

    private static async Task<IEnumerable<(long Offset, long Length)>> ChunksToDecodeAsync(byte[] buffer, SubjectMatcher matcher, CancellationToken cancellationToken)
    {
        var layout = await ParquetRanges.ChunkLayoutAsync(buffer, cancellationToken);
        var chunks = new List<(long, long)>();
        using var file = new ParquetBytes(buffer);
        var reader = file.Reader;
        using var meta = reader.FileMetaData;
        var (leaves, _) = IdentifierLeaves(meta, matcher);
        for (var g = 0; g < meta.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            if (MayMatch(group, leaves, matcher))
            {
                chunks.AddRange(leaves.Select(leaf => layout[g][leaf.Leaf]));
            }
        }

        return chunks;
    }

    public ObjectRewrite Rewrite(byte[] bytes, SubjectMatcher matcher)
    {
        using var file = new ParquetBytes(bytes);
        var reader = file.Reader;
        using var meta = reader.FileMetaData;
        var schema = meta.Schema;
        var (leaves, _) = IdentifierLeaves(meta, matcher);
        using var properties = Properties(reader, meta, schema);
        long kept = 0, removed = 0;
        var written = ParquetBytes.Write(output =>
        {
            using var writer = new ParquetFileWriter(output, schema.GroupNode, properties, meta.KeyValueMetadata);
            for (var g = 0; g < meta.NumRowGroups; g++)
            {
                using var group = reader.RowGroup(g);
                var count = group.MetaData.NumRows;
                var gone = MayMatch(group, leaves, matcher) ? FindRows(group, meta, leaves, matcher, count).Removed : new bool[count];
                var goneCount = gone.Count(r => r);
                removed += goneCount;
                kept += count - goneCount;
                if (goneCount == count && count > 0)
                {
                    continue;
                }

                using var groupWriter = writer.AppendRowGroup();
                for (var c = 0; c < schema.NumColumns; c++)
                {
                    var descriptor = schema.Column(c);
                    using var columnReader = group.Column(c);
                    using var columnWriter = groupWriter.NextColumn();
                    CopyColumn(descriptor, columnReader, columnWriter, gone);
                }
            }

            writer.Close();
        });

        return new ObjectRewrite(written, kept, removed);
    }

    /// <summary>
    /// Null when <paramref name="after"/> has the schema of <paramref name="before"/> (every leaf's path, physical and
    /// logical type, length, levels, codec) and the same key-value metadata; else what differs.
    /// </summary>
    public static string? SchemaDifference(byte[] before, byte[] after)
    {
        var a = Describe(before);
        var b = Describe(after);
        if (a.Columns.Count != b.Columns.Count)
        {
            return $"{a.Columns.Count} columns became {b.Columns.Count}";
        }

        for (var i = 0; i < a.Columns.Count; i++)
        {
            if (a.Columns[i] != b.Columns[i])
            {
                return $"column {i} was {a.Columns[i]}, is {b.Columns[i]}";
            }
        }

        // A file left without row groups (every row removed) records no codecs.
        if (b.Codecs.Count > 0 && !a.Codecs.SequenceEqual(b.Codecs))
        {
            return "the columns' codecs changed";
        }

        return a.Metadata.Count == b.Metadata.Count && a.Metadata.All(p => b.Metadata.TryGetValue(p.Key, out var v) && v == p.Value)
            ? null
            : "the key-value metadata changed";
    }

    private static (List<string> Columns, List<Compression> Codecs, Dictionary<string, string> Metadata) Describe(byte[] bytes)
    {
        using var file = new ParquetBytes(bytes);
        var reader = file.Reader;
        using var meta = reader.FileMetaData;
        var schema = meta.Schema;
        var columns = new List<string>();
        var codecs = new List<Compression>();
        for (var c = 0; c < schema.NumColumns; c++)
        {
            var d = schema.Column(c);
            using var path = d.Path;
            using var logical = d.LogicalType;
            // A type length means something for FIXED_LEN_BYTE_ARRAY only; some writers (Parquet.Net for an INT64
            // decimal) also set it on other types, and Arrow C++ does not write it back there: not a schema change.
            var length = d.PhysicalType == PhysicalType.FixedLenByteArray ? d.TypeLength : 0;
            columns.Add($"{path.ToDotString()} {d.PhysicalType} {logical} len={length} def={d.MaxDefinitionLevel} rep={d.MaxRepetitionLevel}");
        }

        if (meta.NumRowGroups > 0)
        {
            using var group = reader.RowGroup(0);
            for (var c = 0; c < schema.NumColumns; c++)
            {
                using var chunk = group.MetaData.GetColumnChunkMetaData(c);
                codecs.Add(chunk.Compression);
            }
        }

        return (columns, codecs, meta.KeyValueMetadata.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
    }

    /// <summary>The writer settings the file was written with, as far as the file records them.</summary>
    private static WriterProperties Properties(ParquetFileReader reader, FileMetaData meta, SchemaDescriptor schema)
    {
        using var builder = new WriterPropertiesBuilder();
        builder.Version(meta.Version);
        long longest = 1;
        for (var g = 0; g < meta.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            longest = Math.Max(longest, group.MetaData.NumRows);
        }

        builder.MaxRowGroupLength(longest);
        if (meta.NumRowGroups > 0)
        {
            using var first = reader.RowGroup(0);
            for (var c = 0; c < schema.NumColumns; c++)
            {
                var descriptor = schema.Column(c);
                using var path = descriptor.Path;
                using var chunk = first.MetaData.GetColumnChunkMetaData(c);
                builder.Compression(path, chunk.Compression);
                if (chunk.Encodings.Any(e => e is ParquetSharp.Encoding.PlainDictionary or ParquetSharp.Encoding.RleDictionary))
                {
                    builder.EnableDictionary(path);
                }
                else
                {
                    builder.DisableDictionary(path);
                }
            }
        }

        return builder.Build();
    }

    /// <summary>For each identifier column of the matcher, its leaf index in this file; the names the file lacks.</summary>
    private static (List<(int Column, int Leaf, short MaxDef, short MaxRep, PhysicalType Type)> Leaves, List<string> Missing) IdentifierLeaves(FileMetaData meta, SubjectMatcher matcher)
    {
        var schema = meta.Schema;
        var byPath = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < schema.NumColumns; c++)
        {
            var d = schema.Column(c);
            using var path = d.Path;
            byPath[path.ToDotString()] = c;
            // A list's element is "tags.list.element" in the file; "tags" in the registry.
            byPath.TryAdd(path.ToDotString().Replace(".list.element", string.Empty, StringComparison.Ordinal).Replace(".list.item", string.Empty, StringComparison.Ordinal), c);
        }

        var leaves = new List<(int, int, short, short, PhysicalType)>();
        var missing = new List<string>();
        var columns = matcher.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (byPath.TryGetValue(columns[i].Name, out var leaf))
            {
                var d = schema.Column(leaf);
                if (d.PhysicalType is PhysicalType.ByteArray or PhysicalType.Int64 or PhysicalType.Int32)
                {
                    leaves.Add((i, leaf, d.MaxDefinitionLevel, d.MaxRepetitionLevel, d.PhysicalType));
                    continue;
                }
            }

            missing.Add(columns[i].Name);
        }

        return (leaves, missing);
    }

    /// <summary>False when every identifier column's statistics rule the whole batch out of the row group.</summary>
    private static bool MayMatch(RowGroupReader group, List<(int Column, int Leaf, short MaxDef, short MaxRep, PhysicalType Type)> leaves, SubjectMatcher matcher)
    {
        foreach (var leaf in leaves)
        {
            using var chunk = group.MetaData.GetColumnChunkMetaData(leaf.Leaf);
            using var statistics = chunk.Statistics;
            var ruledOut = statistics switch
            {
                Statistics<ByteArray> { HasMinMax: true } s => !matcher.MayContain(leaf.Column, Bytes(s.Min), Bytes(s.Max)),
                Statistics<long> { HasMinMax: true } s => !matcher.MayContain(leaf.Column, s.Min, s.Max),
                Statistics<int> { HasMinMax: true } s => !matcher.MayContain(leaf.Column, s.Min, s.Max),
                _ => false,
            };
            if (!ruledOut)
            {
                return true;
            }
        }

        return false;
    }

    private static (bool[] Removed, HashSet<(long Row, int Subject)> Pairs) FindRows(RowGroupReader group, FileMetaData meta, List<(int Column, int Leaf, short MaxDef, short MaxRep, PhysicalType Type)> leaves, SubjectMatcher matcher, long rows)
    {
        _ = meta;
        var removed = new bool[rows];
        var pairs = new HashSet<(long, int)>();
        foreach (var leaf in leaves)
        {
            using var column = group.Column(leaf.Leaf);
            switch (leaf.Type)
            {
                case PhysicalType.ByteArray:
                    ReadCells((ColumnReader<ByteArray>)column, leaf.MaxDef, leaf.MaxRep, (value, row) => Mark(row, matcher.Match(leaf.Column, Chars(value, stackalloc char[512]))));
                    break;
                case PhysicalType.Int64 when matcher.HasNumbers(leaf.Column):
                    ReadCells((ColumnReader<long>)column, leaf.MaxDef, leaf.MaxRep, (value, row) => Mark(row, matcher.Match(leaf.Column, Number(value, stackalloc char[24]))));
                    break;
                case PhysicalType.Int32 when matcher.HasNumbers(leaf.Column):
                    ReadCells((ColumnReader<int>)column, leaf.MaxDef, leaf.MaxRep, (value, row) => Mark(row, matcher.Match(leaf.Column, Number(value, stackalloc char[24]))));
                    break;
            }
        }

        return (removed, pairs);

        void Mark(long row, ReadOnlySpan<int> subjects)
        {
            foreach (var subject in subjects)
            {
                removed[row] = true;
                pairs.Add((row, subject));
            }
        }
    }

    private delegate void CellAction<T>(T value, long row);

    private static void ReadCells<T>(ColumnReader<T> reader, short maxDef, short maxRep, CellAction<T> action)
        where T : unmanaged
    {
        var def = new short[Batch];
        var rep = new short[Batch];
        var values = new T[Batch];
        long row = -1;
        while (reader.HasNext)
        {
            var levels = reader.ReadBatch(Batch, def, rep, values, out var valuesRead);
            if (maxDef == 0)
            {
                levels = valuesRead;
            }

            var v = 0;
            for (var i = 0; i < levels; i++)
            {
                if (maxRep == 0 || rep[i] == 0)
                {
                    row++;
                }

                if (maxDef == 0 || def[i] == maxDef)
                {
                    action(values[v++], row);
                }
            }
        }
    }

    private static void CopyColumn(ColumnDescriptor descriptor, ColumnReader reader, ColumnWriter writer, bool[] removed)
    {
        var maxDef = descriptor.MaxDefinitionLevel;
        var maxRep = descriptor.MaxRepetitionLevel;
        switch (descriptor.PhysicalType)
        {
            case PhysicalType.Boolean: Copy((ColumnReader<bool>)reader, (ColumnWriter<bool>)writer, maxDef, maxRep, removed); break;
            case PhysicalType.Int32: Copy((ColumnReader<int>)reader, (ColumnWriter<int>)writer, maxDef, maxRep, removed); break;
            case PhysicalType.Int64: Copy((ColumnReader<long>)reader, (ColumnWriter<long>)writer, maxDef, maxRep, removed); break;
            case PhysicalType.Int96: Copy((ColumnReader<Int96>)reader, (ColumnWriter<Int96>)writer, maxDef, maxRep, removed); break;
            case PhysicalType.Float: Copy((ColumnReader<float>)reader, (ColumnWriter<float>)writer, maxDef, maxRep, removed); break;
            case PhysicalType.Double: Copy((ColumnReader<double>)reader, (ColumnWriter<double>)writer, maxDef, maxRep, removed); break;
            case PhysicalType.ByteArray: Copy((ColumnReader<ByteArray>)reader, (ColumnWriter<ByteArray>)writer, maxDef, maxRep, removed); break;
            case PhysicalType.FixedLenByteArray: Copy((ColumnReader<FixedLenByteArray>)reader, (ColumnWriter<FixedLenByteArray>)writer, maxDef, maxRep, removed); break;
            default: throw new NotSupportedException($"Parquet physical type {descriptor.PhysicalType} cannot be copied.");
        }
    }

    /// <summary>
    /// Copies one column chunk, leaving out the removed rows' level entries and values. A value belongs to the entry
    /// whose definition level is the maximum; a row starts at repetition level 0. Each batch is written before the next
    /// is read: byte-array values point into the reader's page.
    /// </summary>
    private static void Copy<T>(ColumnReader<T> reader, ColumnWriter<T> writer, short maxDef, short maxRep, bool[] removed)
        where T : unmanaged
    {
        var def = new short[Batch];
        var rep = new short[Batch];
        var values = new T[Batch];
        var outDef = new short[Batch];
        var outRep = new short[Batch];
        var outValues = new T[Batch];
        long row = -1;
        while (reader.HasNext)
        {
            var levels = reader.ReadBatch(Batch, def, rep, values, out var valuesRead);
            if (maxDef == 0)
            {
                levels = valuesRead;
            }

            int v = 0, o = 0, ov = 0;
            for (var i = 0; i < levels; i++)
            {
                if (maxRep == 0 || rep[i] == 0)
                {
                    row++;
                }

                var hasValue = maxDef == 0 || def[i] == maxDef;
                if (!removed[row])
                {
                    outDef[o] = def[i];
                    outRep[o] = rep[i];
                    o++;
                    if (hasValue)
                    {
                        outValues[ov++] = values[v];
                    }
                }

                if (hasValue)
                {
                    v++;
                }
            }

            if (o > 0)
            {
                writer.WriteBatch(o, outDef.AsSpan(0, o), outRep.AsSpan(0, o), outValues.AsSpan(0, ov));
            }
        }
    }

    private static unsafe ReadOnlySpan<byte> Bytes(ByteArray value) =>
        value.Length == 0 ? [] : new ReadOnlySpan<byte>((void*)value.Pointer, value.Length);

    private static ReadOnlySpan<char> Chars(ByteArray value, Span<char> buffer)
    {
        var bytes = Bytes(value);
        return bytes.Length > buffer.Length || !System.Text.Encoding.UTF8.TryGetChars(bytes, buffer, out var written) ? [] : buffer[..written];
    }

    private static ReadOnlySpan<char> Number(long value, Span<char> buffer) =>
        value.TryFormat(buffer, out var written, provider: System.Globalization.CultureInfo.InvariantCulture) ? buffer[..written] : [];
}
