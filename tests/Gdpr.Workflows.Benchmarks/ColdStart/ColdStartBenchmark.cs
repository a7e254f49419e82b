using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>
/// `coldstart`: every function under functions/, started as its Native AOT binary and as <c>dotnet &lt;dll&gt;</c> (JIT)
/// against a local fake Runtime API, with a moto_server AWS stack (<see cref="ColdStartEnvironment"/>) and requests
/// seeded through the Intake function (<see cref="ColdStartSeed"/>); time from process start to the first response posted. Prints medians side by
/// side with binary sizes, and last the line `coldstart: aot A ms, jit J ms, ratio R` (medians over every run of
/// every function; R = J / A).
/// </summary>
internal static class ColdStartBenchmark
{
    public const string OptionsHelp = ColdStartOptions.Help;

    // The goal in the "Deployable on AWS" issue.
    private const double TargetAotMilliseconds = 20;
    private const double TargetRatio = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        if (ColdStartOptions.Parse(args) is not { } options)
        {
            await Console.Error.WriteLineAsync($"error: coldstart takes {OptionsHelp}");
            return Subcommands.UsageError;
        }

        try
        {
            return await RunAsync(options);
        }
        catch (BenchmarkSetupException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }

    private static async Task<int> RunAsync(ColdStartOptions options)
    {
        var root = RepositoryRoot.Find();
        var functions = FunctionProject.Discover(root);
        if (functions.Count == 0)
        {
            throw new BenchmarkSetupException($"no {FunctionProject.Prefix}* projects under {Path.Combine(root, "functions")}");
        }

        var unknown = options.Only.Except(functions.Select(f => f.Name)).ToList();
        if (unknown.Count > 0)
        {
            throw new BenchmarkSetupException($"no function named {string.Join(", ", unknown)}; functions: {string.Join(", ", functions.Select(f => f.Name))}");
        }

        var measured = functions.Where(f => options.Only.Count == 0 || options.Only.Contains(f.Name)).ToList();
        var launches = new Dictionary<string, (FunctionLaunch Aot, FunctionLaunch Jit)>(StringComparer.Ordinal);
        // Intake seeds the other functions' requests, so it is published even when not measured.
        foreach (var function in functions.Where(f => measured.Contains(f) || f.Name == ColdStartSeed.SeedingFunction))
        {
            launches[function.Name] = await FunctionPublisher.PrepareAsync(root, function, options.Publish);
        }

        // Every function needs AWS from its first line (tables, keys, the registry): a local moto stack stands in.
        Console.WriteLine("starting moto_server with the stack's tables, keys, registry, secrets, topics and state machine ...");
        await using var environment = await ColdStartEnvironment.StartAsync(root);
        var seeds = launches.TryGetValue(ColdStartSeed.SeedingFunction, out var intake)
            ? await ColdStartSeed.SubmitAsync(measured, intake.Aot, environment.Variables)
            : new Dictionary<string, (string, string)>();
        var results = new List<ColdStartResult>();
        foreach (var function in measured)
        {
            var (aot, jit) = launches[function.Name];
            results.Add(await MeasureAsync(function, aot, jit, ColdStartSeed.EventFor(function, seeds), environment, options));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Runs} cold starts per variant after {options.Warmups} untimed, {FunctionPublisher.HostRid}, {Environment.ProcessorCount} cores"));
        Console.Write(FormatTable(results));
        var aotMedian = Median(results.SelectMany(r => r.Aot));
        var jitMedian = Median(results.SelectMany(r => r.Jit));
        var slowest = results.MaxBy(r => Median(r.Aot))!;
        var leastRatio = results.MinBy(r => Median(r.Jit) / Median(r.Aot))!;
        var met = Median(slowest.Aot) < TargetAotMilliseconds && Median(leastRatio.Jit) / Median(leastRatio.Aot) >= TargetRatio;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target (every function's aot < {TargetAotMilliseconds} ms and >= {TargetRatio}x faster than its jit): {(met ? "met" : "missed")}; " +
            $"slowest {slowest.Function.Name} {Median(slowest.Aot):F1} ms, least ratio {leastRatio.Function.Name} {Median(leastRatio.Jit) / Median(leastRatio.Aot):F1}x"));
        var aotMoto = Median(results.SelectMany(r => r.AotMoto));
        var jitMoto = Median(results.SelectMany(r => r.JitMoto));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coldstart against moto_server: aot {aotMoto:F1} ms, jit {jitMoto:F1} ms, ratio {jitMoto / aotMoto:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coldstart: aot {aotMedian:F1} ms, jit {jitMedian:F1} ms, ratio {jitMedian / aotMedian:F1}"));
        return 0;
    }

    // A function's first invocation is recorded on its way to moto_server (its real work on its own seeded request); the
    // timed cold starts then get the recorded AWS answers from a replay, so they time the function and not moto_server's
    // Python (about 5 ms a call), and each of them does the first invocation's work again, not a repeat on changed
    // state. Cold starts against moto_server itself are timed too, for comparison. Variants and backends alternate run
    // by run, so load from other processes that comes and goes weighs on all alike.
    private static async Task<ColdStartResult> MeasureAsync(
        FunctionProject function, FunctionLaunch aot, FunctionLaunch jit, byte[] sampleEvent, ColdStartEnvironment environment, ColdStartOptions options)
    {
        AwsTape tape;
        await using (var proxy = new AwsRecordingProxy(environment.Endpoint))
        {
            await ColdStartRunner.MeasureAsync(function, aot, sampleEvent, environment.Variables, proxy.Url);
            tape = proxy.Tape();
        }

        async Task<ColdStartSample> Replayed(FunctionLaunch launch)
        {
            await using var replay = tape.Replay();
            var sample = await ColdStartRunner.MeasureAsync(function, launch, sampleEvent, environment.Variables, replay.Url);
            if (replay.Unanswered.Count > 0 || replay.Unused.Count > 0)
            {
                throw new BenchmarkSetupException(
                    $"{function.Name} ({launch.Variant}) did not repeat its recorded invocation: calls the tape had no answer for " +
                    $"[{string.Join(", ", replay.Unanswered)}], recorded calls not made [{string.Join(", ", replay.Unused)}]");
            }

            return sample;
        }

        Task<ColdStartSample> Moto(FunctionLaunch launch) =>
            ColdStartRunner.MeasureAsync(function, launch, sampleEvent, environment.Variables, environment.Endpoint);

        for (var i = 0; i < options.Warmups; i++)
        {
            await Replayed(aot);
            await Replayed(jit);
        }

        var result = new ColdStartResult(function, aot, jit, tape);
        for (var i = 0; i < options.Runs; i++)
        {
            result.Aot.Add(await Replayed(aot));
            result.Jit.Add(await Replayed(jit));
            result.AotMoto.Add(await Moto(aot));
            result.JitMoto.Add(await Moto(jit));
        }

        // The answer shows the work was done (ids, statuses and counts only: the functions never answer personal data).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{function.Name}: aot {Median(result.Aot):F1} ms (init {Median(result.Aot.Select(s => s.InitMilliseconds)):F1}), " +
            $"jit {Median(result.Jit):F1} ms; {tape.Exchanges.Count} AWS calls; against moto_server aot {Median(result.AotMoto):F1} ms, " +
            $"jit {Median(result.JitMoto):F1} ms; answered {Shorten(result.Aot[^1].Answer)}"));
        Console.WriteLine($"  AWS calls in order: {string.Join(", ", tape.Exchanges.Select(e => $"{e.Operation} {e.Milliseconds.ToString("F1", CultureInfo.InvariantCulture)} ms"))}");
        return result;
    }

    private static string Shorten(string answer)
    {
        // An HTTP API response reads better as its status code and body.
        if (JsonNode.Parse(answer) is JsonObject { } response && response["statusCode"] is JsonValue status && response["body"] is JsonValue body)
        {
            answer = $"HTTP {status.ToJsonString()} {body.GetValue<string>()}";
        }

        return answer.Length <= 160 ? answer : answer[..160] + "...";
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    internal static double Median(IEnumerable<ColdStartSample> samples) => Median(samples.Select(s => s.Milliseconds));

    private static string FormatTable(IReadOnlyList<ColdStartResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"{"function",-13} {"variant",-7} {"median ms",10} {"min ms",8} {"max ms",8} {"init ms",8} {"moto ms",8}  size");
        foreach (var result in results)
        {
            Row(table, result.Function.Name, result.AotLaunch, result.Aot, result.AotMoto, "native binary");
            Row(table, string.Empty, result.JitLaunch, result.Jit, result.JitMoto, "app files, plus the shared .NET runtime");
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{string.Empty,-13} {"ratio",-7} {Median(result.Jit) / Median(result.Aot),9:F1}x {string.Empty,26} {Median(result.JitMoto) / Median(result.AotMoto),7:F1}x" +
                $"  {result.Tape.Exchanges.Count} AWS calls, {result.Tape.AwsMilliseconds:F1} ms of them at moto_server when recorded");
        }

        return table.ToString();
    }

    private static void Row(StringBuilder table, string name, FunctionLaunch launch, IReadOnlyList<ColdStartSample> samples, IReadOnlyList<ColdStartSample> moto, string sizeNote) =>
        table.AppendLine(CultureInfo.InvariantCulture,
            $"{name,-13} {launch.Variant,-7} {Median(samples),10:F1} {samples.Min(s => s.Milliseconds),8:F1} {samples.Max(s => s.Milliseconds),8:F1} " +
            $"{Median(samples.Select(s => s.InitMilliseconds)),8:F1} {Median(moto),8:F1}  {launch.SizeBytes / 1024.0 / 1024.0:F1} MiB {sizeNote}");

    /// <summary>One function's samples: replayed AWS answers (the figures) and moto_server (for comparison).</summary>
    private sealed record ColdStartResult(FunctionProject Function, FunctionLaunch AotLaunch, FunctionLaunch JitLaunch, AwsTape Tape)
    {
        public List<ColdStartSample> Aot { get; } = [];

        public List<ColdStartSample> Jit { get; } = [];

        public List<ColdStartSample> AotMoto { get; } = [];

        public List<ColdStartSample> JitMoto { get; } = [];
    }
}
