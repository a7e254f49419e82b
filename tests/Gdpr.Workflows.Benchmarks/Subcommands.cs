using Gdpr.Workflows.Benchmarks.ColdStart;
using Gdpr.Workflows.Benchmarks.Engine;
using Gdpr.Workflows.Benchmarks.Export;
using Gdpr.Workflows.Benchmarks.Lake;
using Gdpr.Workflows.Benchmarks.Stores;
using Gdpr.Workflows.Benchmarks.WebConsole;

namespace Gdpr.Workflows.Benchmarks;

/// <summary>The benchmark program's subcommands: `dotnet run -c Release -- NAME [options]`.</summary>
internal static class Subcommands
{
    /// <summary>Exit code for a command line the program does not understand.</summary>
    public const int UsageError = 2;

    // Each subcommand gets the arguments after its name and returns the process exit code.
    private static readonly Dictionary<string, (string Summary, Func<string[], Task<int>> Run)> Commands = new(StringComparer.Ordinal)
    {
        ["engine"] = ("local engine vs aws-local-stepfunctions on the reference definition (" + EngineBenchmark.OptionsHelp + ")", EngineBenchmark.RunAsync),
        ["stores"] = ("SQLite stores at scale: fill N requests, p50/p99 of the officers' reads, lifecycle write rate (" + StoresBenchmark.OptionsHelp + ")", StoresBenchmark.RunAsync),
        ["export"] = ("gdpr export of N audit events from SQLite, csv and jsonl: events/s, output size, peak memory, sizes side by side (" + ExportBenchmark.OptionsHelp + ")", ExportBenchmark.RunAsync),
        ["coldstart"] = ("AOT vs JIT cold start of every function under functions/ (" + ColdStartBenchmark.OptionsHelp + ")", ColdStartBenchmark.RunAsync),
        ["console"] = ("the web console over N requests in SQLite: server p99 of the queue and request pages, page weight, axe violations (" + ConsoleBenchmark.OptionsHelp + ")", ConsoleBenchmark.RunAsync),
        ["lake"] = ("erasure in a generated Parquet data lake: scan MB/s/core, rewrite vs pyarrow MB/s, row groups skipped, a 1,000-subject batch (" + LakeBenchmark.OptionsHelp + ")", LakeBenchmark.RunAsync),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            await Console.Error.WriteLineAsync(args.Length == 0 ? "error: no benchmark named" : $"error: unknown benchmark '{args[0]}'");
            await Console.Error.WriteLineAsync(Usage());
            return UsageError;
        }

        return await command.Run(args[1..]);
    }

    private static string Usage() =>
        "usage: dotnet run --project tests/Gdpr.Workflows.Benchmarks -c Release -- <benchmark> [options]" + Environment.NewLine +
        "benchmarks:" + Environment.NewLine +
        string.Join(Environment.NewLine, Commands.Select(c => $"  {c.Key,-10} {c.Value.Summary}"));
}
