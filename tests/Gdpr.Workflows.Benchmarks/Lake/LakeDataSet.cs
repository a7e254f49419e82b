using System.Globalization;
using ParquetSharp;

namespace Gdpr.Workflows.Benchmarks.Lake;

/// <summary>
/// The benchmark's generated Parquet data set, written once into a cache folder by Arrow C++ (ParquetSharp's writer,
/// the engine pyarrow wraps): at least 200 files of orders, Snappy, row groups of 50,000 rows, customer ids ascending
/// through the files (disjoint ranges per file, as a lake partitioned by customer or sorted on write has them). The
/// subjects are 1,000 customers of 1% of the files.
/// </summary>
internal sealed class LakeDataSet
{
    public const int RowGroupRows = 50_000;
    private const double BytesPerRow = 60.9; // measured: 3,713,432 bytes for 61,008 of these rows (Snappy); sets rows per file for the size asked

    private LakeDataSet(string folder, int files, int rowsPerFile)
    {
        Folder = folder;
        Files = files;
        RowsPerFile = rowsPerFile;
    }

    public string Folder { get; }

    public int Files { get; }

    public int RowsPerFile { get; }

    public IEnumerable<string> Paths => Enumerable.Range(0, Files).Select(PathOf);

    /// <summary>The files holding the subjects: 1% of them, spread through the set.</summary>
    public IReadOnlyList<int> SubjectFiles => Enumerable.Range(0, Math.Max(1, Files / 100)).Select(i => (i * 100) + 37).Where(i => i < Files).ToList();

    /// <summary>The subjects' customer ids: <paramref name="count"/> spread evenly through the subject files.</summary>
    public IReadOnlyList<string> SubjectIds(int count)
    {
        var files = SubjectFiles;
        return Enumerable.Range(0, count).Select(i =>
        {
            var file = files[i % files.Count];
            var row = (long)(i / files.Count) * RowsPerFile / ((count + files.Count - 1) / files.Count) + 11;
            return CustomerId(((long)file * RowsPerFile) + row);
        }).ToList();
    }

    public static string CustomerId(long n) => "c-" + n.ToString("D10", CultureInfo.InvariantCulture);

    public string PathOf(int file) => Path.Combine(Folder, "orders", $"part-{file:D4}.parquet");

    /// <summary>The data set of about <paramref name="gigabytes"/> GB, generated unless the cache already holds it.</summary>
    public static LakeDataSet Ensure(double gigabytes, TextWriter log)
    {
        var files = Math.Max(200, (int)Math.Ceiling(gigabytes * 1024 / 8)); // at most ~8 MB a file
        var rowsPerFile = (int)(gigabytes * 1024 * 1024 * 1024 / BytesPerRow / files);
        var folder = Path.Combine(Path.GetTempPath(), "gdpr-lake-bench", string.Create(CultureInfo.InvariantCulture, $"{files}x{rowsPerFile}"));
        var set = new LakeDataSet(folder, files, rowsPerFile);
        var done = Path.Combine(folder, "complete");
        if (File.Exists(done))
        {
            log.WriteLine($"data set: {folder} (cached)");
            return set;
        }

        log.WriteLine($"data set: generating {files} files of {rowsPerFile:N0} rows into {folder} ...");
        Directory.CreateDirectory(Path.Combine(folder, "orders"));
        Parallel.For(0, files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file => set.Write(file));
        File.WriteAllText(done, "ok");
        return set;
    }

    private void Write(int file)
    {
        var random = new Random(file);
        var columns = new Column[]
        {
            new Column<string>("customer_id"),
            new Column<string>("email"),
            new Column<long>("order_id"),
            new Column<DateTime>("placed_at"),
            new Column<double>("amount"),
            new Column<string>("product"),
            new Column<string>("note"),
        };
        using var builder = new WriterPropertiesBuilder().Compression(Compression.Snappy).MaxRowGroupLength(RowGroupRows);
        using var properties = builder.Build();
        using var writer = new ParquetFileWriter(PathOf(file), columns, properties, new Dictionary<string, string> { ["generator"] = "gdpr lake benchmark" });
        for (var start = 0; start < RowsPerFile; start += RowGroupRows)
        {
            var n = Math.Min(RowGroupRows, RowsPerFile - start);
            var first = ((long)file * RowsPerFile) + start;
            using var group = writer.AppendRowGroup();
            Write(group, Enumerable.Range(0, n).Select(i => CustomerId(first + i)).ToArray());
            Write(group, Enumerable.Range(0, n).Select(i => $"customer{first + i}@example.com").ToArray());
            Write(group, Enumerable.Range(0, n).Select(i => (first + i) * 7).ToArray());
            Write(group, Enumerable.Range(0, n).Select(i => new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(first + i)).ToArray());
            Write(group, Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 500, 2)).ToArray());
            Write(group, Enumerable.Range(0, n).Select(_ => "product-" + random.Next(5_000).ToString(CultureInfo.InvariantCulture)).ToArray());
            Write(group, Enumerable.Range(0, n).Select(_ => Convert.ToHexString(RandomBytes(random, 12))).ToArray());
        }

        writer.Close();
    }

    private static void Write<T>(RowGroupWriter group, T[] values)
    {
        using var column = group.NextColumn().LogicalWriter<T>();
        column.WriteBatch(values);
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
