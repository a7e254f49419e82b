using System.Diagnostics;
using System.Globalization;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Lake.Erasing;
using Gdpr.Workflows.Lake.Formats;
using Gdpr.Workflows.Lake.Matching;
using Gdpr.Workflows.Lake.Storage;

namespace Gdpr.Workflows.Benchmarks.Lake;

/// <summary>
/// <c>lake [--gb N]</c>: erasure in a generated Parquet data set (<see cref="LakeDataSet"/>). Scan: the find of
/// 1,000 subjects over every file, in parallel, as MB per CPU-second of this process. Rewrite: the subject files
/// rewritten one after another (single thread), MB of input per second; beside it the reference read-filter-write of
/// the same files (pyarrow if Python has it, else the same Arrow C++ engine in-process). Batch: the whole
/// <see cref="LakeEraser"/> pass over a local-folder lake (list, read, find, rewrite, verify, conditional replace).
/// </summary>
internal static class LakeBenchmark
{
    public const string OptionsHelp = "--gb N: data set size, default 1";
    private const int Subjects = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        var gigabytes = 1.0;
        if (args.Length == 2 && args[0] == "--gb" && double.TryParse(args[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var asked) && asked is > 0 and <= 50)
        {
            gigabytes = asked;
        }
        else if (args.Length != 0)
        {
            await Console.Error.WriteLineAsync("usage: lake [--gb N]   (N in (0, 50], default 1)");
            return Subcommands.UsageError;
        }

        var set = LakeDataSet.Ensure(gigabytes, Console.Out);
        var ids = set.SubjectIds(Subjects);
        var subjects = ids.Select(id => SubjectIdentifiers.Of(SubjectIdentifier.CustomerId(id))).ToList();
        var lake = new DataLakeDefinition("bench", ["orders/"], LakeFileFormat.Parquet, LakeCompression.None, [new("customer_id", SubjectIdentifierKind.CustomerId)], []);
        var matcher = new SubjectMatcher(lake.Columns, subjects);
        var format = new ParquetLakeFormat();
        var totalBytes = set.Paths.Sum(p => new FileInfo(p).Length);
        Console.WriteLine($"data set: {set.Files} files, {totalBytes / 1e6:F0} MB, {set.RowsPerFile:N0} rows a file; {Subjects} subjects in {set.SubjectFiles.Count} files; {Environment.ProcessorCount} cores");

        // Find.
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        long matched = 0;
        Parallel.ForEach(set.Paths, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, path =>
            Interlocked.Add(ref matched, format.Scan(File.ReadAllBytes(path), matcher).MatchedRows));
        wall.Stop();
        process.Refresh();
        var scanCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
        var scan = totalBytes / 1e6 / scanCpu;
        Console.WriteLine($"scan:    {totalBytes / 1e6:F0} MB in {wall.Elapsed.TotalSeconds:F2} s wall, {scanCpu:F2} s CPU; {matched} rows matched");

        // Rewrite, ours and the reference, on the same files.
        var subjectFiles = set.SubjectFiles.Select(set.PathOf).ToList();
        var subjectBytes = subjectFiles.Sum(p => new FileInfo(p).Length);
        _ = format.Rewrite(File.ReadAllBytes(subjectFiles[0]), matcher); // warm-up (JIT), as the reference gets one
        var rewriteTime = TimeSpan.Zero;
        var rewriteCpu = TimeSpan.Zero;
        long removed = 0;
        foreach (var path in subjectFiles)
        {
            var bytes = File.ReadAllBytes(path);
            var (timer, startCpu) = (Stopwatch.StartNew(), Cpu());
            removed += format.Rewrite(bytes, matcher).RowsRemoved;
            (rewriteTime, rewriteCpu) = (rewriteTime + timer.Elapsed, rewriteCpu + (Cpu() - startCpu));
        }

        // Single-threaded, so MB per CPU-second is MB/s on an otherwise idle core: steady on a loaded machine, unlike wall time.
        var rewrite = subjectBytes / 1e6 / rewriteCpu.TotalSeconds;
        Console.WriteLine($"rewrite: {subjectBytes / 1e6:F1} MB in {rewriteTime.TotalSeconds:F2} s wall, {rewriteCpu.TotalSeconds:F2} s CPU, {removed} rows removed");
        var (reference, referenceName, referenceRemoved) = await ReferenceAsync(subjectFiles, ids);
        Console.WriteLine($"reference ({referenceName}): {subjectBytes / 1e6:F1} MB at {reference:F1} MB/s, {referenceRemoved} rows removed");

        // The whole batch, on a local-folder lake whose files are links to the cached set (a rewrite replaces the link).
        var work = Path.Combine(Path.GetTempPath(), $"gdpr-lake-bench-work-{Environment.ProcessId}");
        Directory.CreateDirectory(Path.Combine(work, "orders"));
        try
        {
            foreach (var path in set.Paths)
            {
                File.CreateSymbolicLink(Path.Combine(work, "orders", Path.GetFileName(path)), path);
            }

            var batchTimer = Stopwatch.StartNew();
            var batch = await new LakeEraser(new LocalFolderObjectStore(work), lake).EraseAsync("bench", ids.Select((id, i) => new LakeSubject($"r-{i}", subjects[i])).ToList());
            batchTimer.Stop();
            var skipped = 100.0 * batch.RowGroupsSkipped / Math.Max(1, batch.RowGroups);
            Console.WriteLine($"batch:   {batch.ObjectsScanned} objects, {batch.BytesScanned / 1e6:F0} MB read, {batch.ObjectsRewritten} rewritten, {batch.RowsRemoved} rows removed, {batch.RowGroupsSkipped} of {batch.RowGroups} row groups skipped, {batchTimer.Elapsed.TotalSeconds:F1} s");
            if (removed != Subjects || referenceRemoved != Subjects || batch.RowsRemoved != Subjects)
            {
                await Console.Error.WriteLineAsync($"error: expected {Subjects} rows removed by each path");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lake: scan {scan:F0} MB/s/core, rewrite {rewrite:F1} MB/s, pyarrow {reference:F1} MB/s, skipped {skipped:F1}% row groups, batch {batchTimer.Elapsed.TotalSeconds:F1} s"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>pyarrow's read-filter-write MB/s over the files when Python has pyarrow; else Arrow C++'s in-process.</summary>
    private static async Task<(double MegabytesPerSecond, string Name, long Removed)> ReferenceAsync(List<string> files, IReadOnlyList<string> ids)
    {
        var output = Directory.CreateTempSubdirectory("gdpr-lake-reference-");
        try
        {
            if (await PythonHasPyarrowAsync())
            {
                var idsFile = Path.Combine(output.FullName, "ids.txt");
                await File.WriteAllLinesAsync(idsFile, ids);
                var script = Path.Combine(AppContext.BaseDirectory, "Lake", "pyarrow_rewrite.py");
                var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var argument in new[] { script, idsFile, output.FullName }.Concat(files))
                {
                    start.ArgumentList.Add(argument);
                }

                using var python = Process.Start(start)!;
                var line = (await python.StandardOutput.ReadToEndAsync()).Trim().Split(' ');
                await python.WaitForExitAsync();
                if (python.ExitCode != 0 || line.Length != 3)
                {
                    throw new InvalidOperationException($"pyarrow_rewrite.py failed (exit {python.ExitCode}).");
                }

                var size = double.Parse(line[0], CultureInfo.InvariantCulture);
                return (size / 1e6 / double.Parse(line[1], CultureInfo.InvariantCulture), "pyarrow", long.Parse(line[2], CultureInfo.InvariantCulture));
            }

            Console.WriteLine("note: Python has no pyarrow here; the 'pyarrow' figure is pyarrow's engine, Arrow C++, doing its read-filter-write in-process (ParquetSharp.Arrow)");
            var set = ids.ToHashSet(StringComparer.Ordinal);
            await ArrowReference.ReadFilterWriteAsync(files[0], Path.Combine(output.FullName, "warm-up.parquet"), set);
            var (time, cpu) = (TimeSpan.Zero, TimeSpan.Zero);
            long removed = 0, bytes = 0;
            for (var i = 0; i < files.Count; i++)
            {
                bytes += new FileInfo(files[i]).Length;
                var (timer, startCpu) = (Stopwatch.StartNew(), Cpu());
                removed += await ArrowReference.ReadFilterWriteAsync(files[i], Path.Combine(output.FullName, $"{i}.parquet"), set);
                (time, cpu) = (time + timer.Elapsed, cpu + (Cpu() - startCpu));
            }

            Console.WriteLine($"reference: {time.TotalSeconds:F2} s wall, {cpu.TotalSeconds:F2} s CPU");
            return (bytes / 1e6 / cpu.TotalSeconds, "Arrow C++, MB per CPU-second", removed);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static async Task<bool> PythonHasPyarrowAsync()
    {
        try
        {
            using var python = Process.Start(new ProcessStartInfo("python3", ["-c", "import pyarrow"]) { UseShellExecute = false, RedirectStandardError = true })!;
            await python.WaitForExitAsync();
            return python.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
