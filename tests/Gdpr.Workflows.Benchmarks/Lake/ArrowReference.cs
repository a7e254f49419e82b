using Apache.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace Gdpr.Workflows.Benchmarks.Lake;

/// <summary>
/// The reference rewrite: what pyarrow's <c>pq.write_table(pq.read_table(f).filter(~isin(customer_id, ids)))</c> does,
/// run in-process on the same engine pyarrow wraps (Arrow C++ through ParquetSharp.Arrow): decode every column to
/// Arrow arrays, build new arrays of the rows kept (Arrow's filter kernel materialises them too), encode again
/// (Snappy). Used when Python's pyarrow is not installed. It knows the benchmark's column types only.
/// </summary>
/// <remarks>Re-exporting the reader's imported arrays (or slices of them) crashes Apache.Arrow's exporter, so kept rows are copied.</remarks>
internal static class ArrowReference
{
    public static async Task<long> ReadFilterWriteAsync(string input, string output, HashSet<string> ids)
    {
        long removed = 0;
        using var reader = new FileReader(input);
        using var batches = reader.GetRecordBatchReader();
        using var builder = new WriterPropertiesBuilder().Compression(Compression.Snappy);
        using var properties = builder.Build();
        var written = new List<RecordBatch>();
        var writer = new FileWriter(output, reader.Schema, properties);
        while (await batches.ReadNextRecordBatchAsync() is { } batch)
        {
            using (batch)
            {
                var column = (StringArray)batch.Column("customer_id");
                var keep = Enumerable.Range(0, batch.Length).Where(row => !ids.Contains(column.GetString(row))).ToArray();
                removed += batch.Length - keep.Length;
                var kept = new RecordBatch(batch.Schema, Enumerable.Range(0, batch.ColumnCount).Select(c => Filter(batch.Column(c), keep)), keep.Length);
                written.Add(kept);
                writer.WriteBufferedRecordBatch(kept);
            }
        }

        writer.Close();
        writer.Dispose(); // releases what C++ still holds of the batches, before they are disposed
        written.ForEach(b => b.Dispose());
        return removed;
    }

    private static IArrowArray Filter(IArrowArray array, int[] keep) => array switch
    {
        StringArray strings => Build(new StringArray.Builder(), keep, (b, i) => b.Append(strings.GetString(i))),
        Int64Array longs => Build(new Int64Array.Builder(), keep, (b, i) => b.Append(longs.GetValue(i)!.Value)),
        DoubleArray doubles => Build(new DoubleArray.Builder(), keep, (b, i) => b.Append(doubles.GetValue(i)!.Value)),
        TimestampArray times => Build(new TimestampArray.Builder((Apache.Arrow.Types.TimestampType)times.Data.DataType), keep, (b, i) => b.Append(times.GetTimestamp(i)!.Value)),
        _ => throw new NotSupportedException($"The reference rewrite does not know Arrow type {array.Data.DataType.Name}."),
    };

    private static IArrowArray Build<TBuilder>(TBuilder builder, int[] keep, Action<TBuilder, int> append)
        where TBuilder : IArrowArrayBuilder<IArrowArray>
    {
        foreach (var row in keep)
        {
            append(builder, row);
        }

        return builder.Build(default);
    }
}
