using ParquetSharp;

namespace Gdpr.Workflows.Lake.Tests.Support;

/// <summary>
/// Parquet written by Arrow C++ (ParquetSharp's writer, the engine pyarrow wraps), whose min/max statistics of strings
/// readers trust; Parquet.Net 6.1's string statistics are ignored by Arrow C++, so statistics tests use these files.
/// </summary>
public static class ArrowCppFiles
{
    /// <summary>Rows c-00000.. sorted by customer id, <paramref name="rowGroupSize"/> per row group, with an email and an amount.</summary>
    public static byte[] Sorted(int rows, int rowGroupSize)
    {
        using var stream = new MemoryStream();
        using (var writer = new ParquetFileWriter(stream, [new Column<string>("customer_id"), new Column<string>("email"), new Column<double>("amount")], (LogicalTypeFactory?)null, Compression.Snappy, null, true))
        {
            for (var start = 0; start < rows; start += rowGroupSize)
            {
                var ids = Enumerable.Range(start, Math.Min(rowGroupSize, rows - start)).ToArray();
                using var group = writer.AppendRowGroup();
                using (var column = group.NextColumn().LogicalWriter<string>())
                {
                    column.WriteBatch(ids.Select(i => $"c-{i:D5}").ToArray());
                }

                using (var column = group.NextColumn().LogicalWriter<string>())
                {
                    column.WriteBatch(ids.Select(i => $"Customer{i}@Example.com").ToArray());
                }

                using (var column = group.NextColumn().LogicalWriter<double>())
                {
                    column.WriteBatch(ids.Select(i => i * 1.5).ToArray());
                }
            }

            writer.Close();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Rows c-00000.. sorted by customer id beside a <paramref name="payloadBytes"/>-byte random text column (not
    /// compressible, uncompressed): the payload is nearly the whole file, the identifier chunks a few kilobytes.
    /// </summary>
    public static byte[] WithPayload(int rows, int rowGroupSize, int payloadBytes)
    {
        var random = new Random(17);
        using var stream = new MemoryStream();
        using (var writer = new ParquetFileWriter(stream, [new Column<string>("customer_id"), new Column<string>("payload")], (LogicalTypeFactory?)null, Compression.Uncompressed, null, true))
        {
            for (var start = 0; start < rows; start += rowGroupSize)
            {
                var ids = Enumerable.Range(start, Math.Min(rowGroupSize, rows - start)).ToArray();
                using var group = writer.AppendRowGroup();
                using (var column = group.NextColumn().LogicalWriter<string>())
                {
                    column.WriteBatch(ids.Select(i => $"c-{i:D5}").ToArray());
                }

                using (var column = group.NextColumn().LogicalWriter<string>())
                {
                    column.WriteBatch(ids.Select(_ => Convert.ToHexString(Bytes(random, payloadBytes / 2))).ToArray());
                }
            }

            writer.Close();
        }

        return stream.ToArray();
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
