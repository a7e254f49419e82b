using Apache.Arrow;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace Gdpr.Workflows.Benchmarks.Lake;

/// <summary>
/// The reference rewrite: what pyarrow's <c>pq.write_table(pq.read_table(f).filter(~isin(customer_id, ids)))</c> does,
/// run in-process on the same engine pyarrow wraps (Arrow C++ through ParquetSharp.Arrow): decode every column to
/// Arrow arrays, keep the rows not removed, encode again (Snappy). Used when Python's pyarrow is not installed.
/// </summary>
internal static class ArrowReference
{
    public static async Task<long> ReadFilterWriteAsync(string input, string output, HashSet<string> ids)
    {
        long removed = 0;
        using var reader = new FileReader(input);
        using var batches = reader.GetRecordBatchReader();
        using var builder = new WriterPropertiesBuilder().Compression(Compression.Snappy);
        using var properties = builder.Build();
        using var writer = new FileWriter(output, reader.Schema, properties);
        // Batches and their slices are exported to C++, which releases them on its own schedule: dispose them after Close.
        var held = new List<IDisposable>();
        while (await batches.ReadNextRecordBatchAsync() is { } batch)
        {
            held.Add(batch);
            {
                var column = (StringArray)batch.Column("customer_id");
                var start = 0;
                for (var row = 0; row <= batch.Length; row++)
                {
                    if (row < batch.Length && !ids.Contains(column.GetString(row)))
                    {
                        continue;
                    }

                    if (row > start)
                    {
                        var kept = batch.Slice(start, row - start);
                        held.Add(kept);
                        writer.WriteBufferedRecordBatch(kept);
                    }

                    removed += row < batch.Length ? 1 : 0;
                    start = row + 1;
                }
            }
        }

        writer.Close();
        held.ForEach(h => h.Dispose());
        return removed;
    }
}
