using System.Globalization;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Benchmarks.Engine;

/// <summary>
/// `engine`: our local engine against aws-local-stepfunctions on the reference definition. Prints whether both
/// produce the same output, a table of figures, and last the line `engine: R x aws-local-stepfunctions`
/// (R = our sequential in-memory executions/s over theirs, measured in the same run). Both engines get the same
/// warm-up time (ours runs until .NET's JIT settles, then theirs runs as long); only like is compared with like:
/// the ratio column is filled for our sequential in-memory row alone, and CPU per execution stands beside wall
/// time per execution, since on a shared machine CPU is the steadier of the two.
/// </summary>
internal static class EngineBenchmark
{
    public const string OptionsHelp = "--seconds S: measured seconds per figure, default 3; --warmup S: at most this long to let our JIT settle, default 20 (Node then warms up exactly as long; later figures of ours: a fifth of it)";

    private const int ConcurrentBatch = 100;

    // The compared figure is measured in alternating slices, ours and theirs, so load from other processes that
    // comes and goes during the run weighs on both engines alike.
    private const int InterleavedSlices = 6;

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
        await using var theirs = await AwsLocalStepFunctionsProcess.StartAsync(root, workflow);

        JsonNode? ourOutput;
        await using (var once = new OurEngineSession(workflow, StoreKind.InMemory, 1))
        {
            ourOutput = JsonNode.Parse(await once.RunOnceAsync());
        }

        var outputsMatch = JsonNode.DeepEquals(ourOutput, theirs.Output);
        Console.WriteLine($"outputs match: {(outputsMatch ? "yes" : "no")}");
        if (!outputsMatch)
        {
            Console.WriteLine($"  ours:   {ourOutput?.ToJsonString()}");
            Console.WriteLine($"  theirs: {theirs.Output?.ToJsonString()}");
        }

        var (ourSequential, theirSequential) = await MeasureSequentialInMemoryAsync(workflow, theirs, warmup, duration);
        var figures = new List<Figure> { ourSequential };
        foreach (var (store, concurrency) in new[] { (StoreKind.InMemory, ConcurrentBatch), (StoreKind.Sqlite, 1), (StoreKind.Sqlite, ConcurrentBatch) })
        {
            figures.Add(await MeasureAsync(workflow, store, concurrency, new Warmup(TimeSpan.FromSeconds(1), warmup / 5), duration));
        }

        figures.Add(theirSequential);
        Console.WriteLine();
        Console.Write(FormatTable(figures, ourSequential, theirSequential));
        var ratio = ourSequential.ExecutionsPerSecond / theirSequential.ExecutionsPerSecond;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu per execution, sequential in memory: ours {ourSequential.CpuMicrosecondsPerExecution:F0} us, theirs {theirSequential.CpuMicrosecondsPerExecution:F0} us ({theirSequential.CpuMicrosecondsPerExecution / ourSequential.CpuMicrosecondsPerExecution:F1} x less CPU); wall {ourSequential.WallMicrosecondsPerExecution:F0} us vs {theirSequential.WallMicrosecondsPerExecution:F0} us"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine: {ratio:F1} x {AwsLocalStepFunctionsProcess.EngineName}"));
        return outputsMatch ? 0 : 1;
    }

    /// <summary>The compared figure: both engines warmed up, then measured in alternating slices.</summary>
    private static async Task<(Figure Ours, Figure Theirs)> MeasureSequentialInMemoryAsync(ReferenceWorkflow workflow, AwsLocalStepFunctionsProcess theirs, TimeSpan warmup, TimeSpan duration)
    {
        // .NET's tiered compilation needs longer than V8 on a busy machine, so ours runs until its JIT settles; then
        // theirs warms up for exactly as long, so neither side gets more time to optimise than the other.
        var ourWarmup = new Warmup(TimeSpan.FromSeconds(3), warmup);
        await WarmUpAsync(workflow, StoreKind.InMemory, 1, ourWarmup);
        var theirWarmup = ourWarmup.Last.Elapsed;
        _ = await theirs.RunAsync(theirWarmup);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm-up, sequential in memory: ours {ourWarmup.Last.Elapsed.TotalSeconds:F1} s, {AwsLocalStepFunctionsProcess.EngineName} {theirWarmup.TotalSeconds:F1} s"));

        var slice = duration / InterleavedSlices;
        var ourSamples = new List<Sample>();
        var theirSamples = new List<Sample>();
        await using var ours = new OurEngineSession(workflow, StoreKind.InMemory, 1);
        GC.Collect();
        for (var i = 0; i < InterleavedSlices; i++)
        {
            // Alternate who goes first, so neither always follows the other's garbage or cache state.
            if (i % 2 == 0)
            {
                theirSamples.Add(await theirs.RunAsync(slice));
                ourSamples.Add(await ours.RunAsync(slice));
            }
            else
            {
                ourSamples.Add(await ours.RunAsync(slice));
                theirSamples.Add(await theirs.RunAsync(slice));
            }
        }

        Report(ours.Mode, ours.StoreName, ourWarmup, duration);
        return (Figure.Of(OurEngineSession.EngineName, ours.Mode, ours.StoreName, ourSamples),
                Figure.Of(AwsLocalStepFunctionsProcess.EngineName, "sequential", "memory", theirSamples));
    }

    /// <summary>Warms up on a throwaway session, then measures a fresh one, so the measured store starts empty.</summary>
    private static async Task<Figure> MeasureAsync(ReferenceWorkflow workflow, StoreKind store, int concurrency, Warmup warmup, TimeSpan duration)
    {
        await WarmUpAsync(workflow, store, concurrency, warmup);
        await using var session = new OurEngineSession(workflow, store, concurrency);
        GC.Collect();
        var sample = await session.RunAsync(duration);
        Report(session.Mode, session.StoreName, warmup, duration);
        return Figure.Of(OurEngineSession.EngineName, session.Mode, session.StoreName, [sample]);
    }

    private static async Task WarmUpAsync(ReferenceWorkflow workflow, StoreKind store, int concurrency, Warmup warmup)
    {
        await using var session = new OurEngineSession(workflow, store, concurrency);
        await warmup.RunAsync(session.RunAsync);
    }

    private static void Report(string mode, string store, Warmup warmup, TimeSpan duration)
    {
        var (warmed, settled) = warmup.Last;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{OurEngineSession.EngineName} {mode} {store}: {warmed.TotalSeconds:F1} s warm-up ({(settled ? "JIT settled" : "JIT still compiling")}), {duration.TotalSeconds} s measured"));
    }

    /// <summary>The table; the ratio is shown for our sequential in-memory row only (like against like), "ref" on theirs.</summary>
    private static string FormatTable(IEnumerable<Figure> figures, Figure ourSequential, Figure theirSequential)
    {
        var table = new System.Text.StringBuilder();
        var c = CultureInfo.InvariantCulture;
        table.AppendLine(c, $"{"engine",-24} {"mode",-14} {"store",-7} {"executions",10} {"exec/s",10} {"wall us/exec",12} {"cpu us/exec",11} {"bytes/exec",11} {"ratio",7}");
        foreach (var f in figures)
        {
            var bytes = f.AllocatedBytesPerExecution is { } b ? b.ToString("N0", c) : "-";
            var ratio = ReferenceEquals(f, ourSequential) ? (f.ExecutionsPerSecond / theirSequential.ExecutionsPerSecond).ToString("F1", c) + "x"
                : ReferenceEquals(f, theirSequential) ? "ref" : "-";
            table.AppendLine(c, $"{f.Engine,-24} {f.Mode,-14} {f.Store,-7} {f.Executions,10} {f.ExecutionsPerSecond,10:F1} {f.WallMicrosecondsPerExecution,12:F0} {f.CpuMicrosecondsPerExecution,11:F0} {bytes,11} {ratio,7}");
        }

        return table.ToString();
    }

    private static bool TryParseOptions(string[] args, out TimeSpan warmup, out TimeSpan duration)
    {
        warmup = TimeSpan.FromSeconds(20);
        duration = TimeSpan.FromSeconds(3);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
            {
                return false;
            }

            switch (args[i])
            {
                case "--seconds":
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
