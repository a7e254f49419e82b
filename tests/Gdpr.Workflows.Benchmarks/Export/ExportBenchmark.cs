using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gdpr.Workflows.Benchmarks.Stores;
using Gdpr.Workflows.Stores.Sqlite;

namespace Gdpr.Workflows.Benchmarks.Export;

/// <summary>
/// `export`: fills a data directory's SQLite stores with N audit events (the stores benchmark's data set, 10 events per
/// request), then runs the real <c>gdpr export --format csv|jsonl --output FILE</c> over the whole period, each run in a
/// child process of its own so its peak memory is the export's alone. Several sizes run side by side; the last line
/// is `export peak MiB: ...` for every size, which should not grow with the size (the export streams page by page).
/// </summary>
internal static class ExportBenchmark
{
    public const string OptionsHelp = "--events N[,N...]: audit events per run, default 100000,1000000; --format csv|jsonl|both, default both";

    /// <summary>The hidden first argument of the child process that runs one export.</summary>
    private const string ChildMode = "--child";

    // Covers the data set's two years (2024-01-01 + 730 days) and the minutes its last events spill past them.
    private const string From = "2024-01-01";
    private const string To = "2026-01-31";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [ChildMode, var childHome, var childFormat, var childOutput])
        {
            return await ExportChild.RunAsync(childHome, childFormat, childOutput, From, To);
        }

        if (!TryParse(args, out var sizes, out var formats))
        {
            await Console.Error.WriteLineAsync($"error: export takes {OptionsHelp}");
            return Subcommands.UsageError;
        }

        var results = new List<ExportFigure>();
        foreach (var events in sizes)
        {
            var home = Path.Combine(Path.GetTempPath(), $"gdpr-export-bench-{Guid.NewGuid():N}");
            Directory.CreateDirectory(home);
            try
            {
                Fill(home, events);
                foreach (var format in formats)
                {
                    var figure = await RunChildAsync(home, format, Path.Combine(home, "export." + format), events);
                    Console.WriteLine(figure.Line());
                    results.Add(figure);
                }
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(home, recursive: true);
            }
        }

        Console.WriteLine();
        Console.WriteLine("format  events     events/s   output MiB  peak working set MiB  peak GC heap MiB  allocated MiB");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Format,-6}  {r.Events,9:N0}  {r.EventsPerSecond,9:N0}  {Mib(r.OutputBytes),10:F1}  {Mib(r.PeakWorkingSet),20:F1}  {Mib(r.PeakGcHeap),16:F1}  {Mib(r.AllocatedBytes),13:F0}"));
        }

        Console.WriteLine("export peak MiB: " + string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Format} {r.Events:N0} events {Mib(r.PeakWorkingSet):F0} (heap {Mib(r.PeakGcHeap):F0})"))));
        return 0;
    }

    private static double Mib(long bytes) => bytes / (1024.0 * 1024);

    /// <summary>The stores benchmark's bulk fill: N/10 requests with 10 hash-chained events each, into home/stores.db.</summary>
    private static void Fill(string home, int events)
    {
        var requests = Math.Max(1, events / StoresDataSet.EventsPerRequest);
        var data = new StoresDataSet(requests);
        using var stores = SqliteStores.Open(Path.Combine(home, "stores.db"), new SqliteStoreOptions { CacheSizeKiB = 256 * 1024 });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export benchmark: {requests * StoresDataSet.EventsPerRequest:N0} audit events ({requests:N0} requests) in {home}"));
        StoresBenchmark.Fill(stores, data, 0);
        stores.Database.CheckpointTruncate();
    }

    private static async Task<ExportFigure> RunChildAsync(string home, string format, string output, int events)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(typeof(ExportBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { "export", ChildMode, home, format, output })
        {
            info.ArgumentList.Add(argument);
        }

        using var child = Process.Start(info) ?? throw new BenchmarkSetupException($"could not start {info.FileName}");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (child.ExitCode != 0 || lines.Length == 0)
        {
            throw new BenchmarkSetupException($"the export child exited {child.ExitCode}: {await stderr}{string.Join('\n', lines)}");
        }

        var figure = JsonSerializer.Deserialize<ExportFigure>(lines[^1], ExportChild.Json)
            ?? throw new BenchmarkSetupException("the export child printed no figures");
        var expected = Math.Max(1, events / StoresDataSet.EventsPerRequest) * StoresDataSet.EventsPerRequest;
        return figure.Events == expected
            ? figure
            : throw new BenchmarkSetupException($"gdpr export wrote {figure.Events} events; the store holds {expected}");
    }

    private static bool TryParse(string[] args, out List<int> sizes, out List<string> formats)
    {
        (sizes, formats) = ([100_000, 1_000_000], ["csv", "jsonl"]);
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--events" when value is not null:
                    var parsed = value.Split(',').Select(v => int.TryParse(v.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= StoresDataSet.EventsPerRequest ? n : -1).ToList();
                    if (parsed.Any(n => n < 0))
                    {
                        return false;
                    }

                    sizes = parsed;
                    break;
                case "--format" when value is "csv" or "jsonl":
                    formats = [value];
                    break;
                case "--format" when value is "both":
                    formats = ["csv", "jsonl"];
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}

/// <summary>One export run's figures, as the child prints them (one JSON line).</summary>
internal sealed record ExportFigure(string Format, long Events, double Seconds, long OutputBytes, long PeakWorkingSet, long PeakGcHeap, long AllocatedBytes)
{
    public double EventsPerSecond => Events / Seconds;

    public string Line() => string.Create(CultureInfo.InvariantCulture,
        $"  {Format}: {Events:N0} events in {Seconds:F1} s ({EventsPerSecond:N0} events/s), {OutputBytes / (1024.0 * 1024):F1} MiB written, peak working set {PeakWorkingSet / (1024.0 * 1024):F1} MiB, peak GC heap {PeakGcHeap / (1024.0 * 1024):F1} MiB");
}
