using System.Globalization;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// `engine`: our local engine against aws-local-stepfunctions on the reference definition. Prints whether both
/// produce the same output, a table of figures, and last the line `engine: R x aws-local-stepfunctions`
/// (R = our sequential in-memory executions/s over theirs, measured in the same run).
/// </summary>
internal static class EngineBenchmark
{
    public const string OptionsHelp = "--seconds S: measured seconds per figure, default 3; --warmup S: default 1";

    private const int ConcurrentBatch = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParseOptions(args, out var warmup, out var duration))
        {
            await Console.Error.WriteLineAsync($"error: engine takes {OptionsHelp}");
            return Subcommands.UsageError;
        }

        try
        {
            return await RunAsync(warmup, duration);
        }
        catch (BenchmarkSetupException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(TimeSpan warmup, TimeSpan duration)
    {
        var root = RepositoryRoot.Find();
        var workflow = ReferenceWorkflow.Load(root);

        Console.WriteLine($"{AwsLocalStepFunctionsRunner.EngineName}: sequential, {warmup.TotalSeconds} s warm-up + {duration.TotalSeconds} s ...");
        var (theirs, theirOutput) = await AwsLocalStepFunctionsRunner.MeasureAsync(root, workflow, warmup, duration);

        var ourOutput = JsonNode.Parse(await OurEngineThroughput.RunOnceAsync(workflow));
        var outputsMatch = JsonNode.DeepEquals(ourOutput, theirOutput);
        Console.WriteLine($"outputs match: {(outputsMatch ? "yes" : "no")}");
        if (!outputsMatch)
        {
            Console.WriteLine($"  ours:   {ourOutput?.ToJsonString()}");
            Console.WriteLine($"  theirs: {theirOutput?.ToJsonString()}");
        }

        var ours = new List<Figure>();
        foreach (var store in new[] { StoreKind.InMemory, StoreKind.Sqlite })
        {
            foreach (var concurrency in new[] { 1, ConcurrentBatch })
            {
                Console.WriteLine($"{OurEngineThroughput.EngineName}: {store}, concurrency {concurrency}, {warmup.TotalSeconds} s warm-up + {duration.TotalSeconds} s ...");
                ours.Add(await OurEngineThroughput.MeasureAsync(workflow, store, concurrency, warmup, duration));
            }
        }

        Console.WriteLine();
        Console.Write(FormatTable([.. ours, theirs], theirs.ExecutionsPerSecond));
        var ratio = ours[0].ExecutionsPerSecond / theirs.ExecutionsPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine: {ratio:F1} x {AwsLocalStepFunctionsRunner.EngineName}"));
        return outputsMatch ? 0 : 1;
    }

    private static string FormatTable(IEnumerable<Figure> figures, double theirsPerSecond)
    {
        var table = new System.Text.StringBuilder();
        var c = CultureInfo.InvariantCulture;
        table.AppendLine(c, $"{"engine",-24} {"mode",-14} {"store",-7} {"executions",10} {"exec/s",10} {"bytes/exec",11} {"ratio",7}");
        foreach (var f in figures)
        {
            var bytes = f.AllocatedBytesPerExecution is { } b ? b.ToString("N0", c) : "-";
            table.AppendLine(c, $"{f.Engine,-24} {f.Mode,-14} {f.Store,-7} {f.Executions,10} {f.ExecutionsPerSecond,10:F1} {bytes,11} {f.ExecutionsPerSecond / theirsPerSecond,6:F1}x");
        }

        return table.ToString();
    }

    private static bool TryParseOptions(string[] args, out TimeSpan warmup, out TimeSpan duration)
    {
        warmup = TimeSpan.FromSeconds(1);
        duration = TimeSpan.FromSeconds(3);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
            {
                return false;
            }

            switch (args[i])
            {
                case "--seconds" when seconds > 0:
                    duration = TimeSpan.FromSeconds(seconds);
                    break;
                case "--warmup":
                    warmup = TimeSpan.FromSeconds(seconds);
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
