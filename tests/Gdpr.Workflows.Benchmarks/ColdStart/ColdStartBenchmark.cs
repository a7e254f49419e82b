using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.TestSupport.Http;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>
/// `coldstart`: every function under functions/, started as its Native AOT binary, as <c>dotnet &lt;dll&gt;</c> of IL
/// published ReadyToRun (the JIT baseline) and of plain IL, against a local fake Runtime API, with a moto_server AWS
/// stack (<see cref="ColdStartEnvironment"/>) and requests seeded through the Intake function (<see cref="ColdStartSeed"/>);
/// time from process start to the first response posted, the AWS answers replayed over HTTPS with a test CA the
/// function trusts as it trusts AWS's. Prints medians side by side with binary sizes, and last the line
/// `coldstart: aot A ms, jit J ms, ratio R` (medians over every run of every function; J the ReadyToRun baseline; R = J / A).
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
        var launches = new Dictionary<string, FunctionLaunches>(StringComparer.Ordinal);
        // Intake seeds the other functions' requests, so it is published even when not measured.
        foreach (var function in functions.Where(f => measured.Contains(f) || f.Name == ColdStartSeed.SeedingFunction))
        {
            launches[function.Name] = await FunctionPublisher.PrepareAsync(root, function, options.Publish);
        }

        // Every function needs AWS from its first line (tables, keys, the registry): a local moto stack stands in.
        Console.WriteLine("starting moto_server with the stack's tables, keys, registry, secrets, topics and state machine ...");
        await using var environment = await ColdStartEnvironment.StartAsync(root);
        // AWS answers over HTTPS: the replay presents a certificate of this CA, which every function process trusts.
        using var authority = TestCertificateAuthority.Create();
        var variables = new Dictionary<string, string>(environment.Variables, StringComparer.Ordinal) { ["SSL_CERT_FILE"] = authority.CaFile };
        var seeds = launches.TryGetValue(ColdStartSeed.SeedingFunction, out var intake)
            ? await ColdStartSeed.SubmitAsync(measured, intake.Aot, variables)
            : new Dictionary<string, (string, string)>();
        var results = new List<ColdStartResult>();
        foreach (var function in measured)
        {
            results.Add(await MeasureAsync(function, launches[function.Name], ColdStartSeed.EventFor(function, seeds), environment.Endpoint, variables, authority, options));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Runs} cold starts per variant after {options.Warmups} untimed, {FunctionPublisher.HostRid}, {Environment.ProcessorCount} cores"));
        Console.Write(FormatTable(results));
        var aotMedian = Median(results.SelectMany(r => r.Of(FunctionLaunch.Aot)));
        var baselineMedian = Median(results.SelectMany(r => r.Of(FunctionLaunch.ReadyToRun)));
        var plainMedian = Median(results.SelectMany(r => r.Of(FunctionLaunch.Jit)));
        var slowest = results.MaxBy(r => Median(r.Of(FunctionLaunch.Aot)))!;
        var leastRatio = results.MinBy(r => r.Ratio(FunctionLaunch.ReadyToRun))!;
        var met = Median(slowest.Of(FunctionLaunch.Aot)) < TargetAotMilliseconds && leastRatio.Ratio(FunctionLaunch.ReadyToRun) >= TargetRatio;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target (every function's aot < {TargetAotMilliseconds} ms and >= {TargetRatio}x faster than its ReadyToRun jit): {(met ? "met" : "missed")}; " +
            $"slowest {slowest.Function.Name} {Median(slowest.Of(FunctionLaunch.Aot)):F1} ms, least ratio {leastRatio.Function.Name} {leastRatio.Ratio(FunctionLaunch.ReadyToRun):F1}x"));
        var aotMoto = Median(results.SelectMany(r => r.MotoOf(FunctionLaunch.Aot)));
        var baselineMoto = Median(results.SelectMany(r => r.MotoOf(FunctionLaunch.ReadyToRun)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coldstart against moto_server (plain HTTP): aot {aotMoto:F1} ms, jit {baselineMoto:F1} ms, ratio {baselineMoto / aotMoto:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coldstart plain jit (IL without ReadyToRun): {plainMedian:F1} ms, ratio {plainMedian / aotMedian:F1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coldstart: aot {aotMedian:F1} ms, jit {baselineMedian:F1} ms, ratio {baselineMedian / aotMedian:F1}"));
        return 0;
    }

    // A function's first invocation is recorded on its way to moto_server (its real work on its own seeded request); the
    // timed cold starts then get the recorded AWS answers from a replay, so they time the function and not moto_server's
    // Python (about 5 ms a call), and each of them does the first invocation's work again, not a repeat on changed
    // state. Cold starts against moto_server itself are timed too, for comparison. Variants and backends alternate run
    // by run, so load from other processes that comes and goes weighs on all alike.
    private static async Task<ColdStartResult> MeasureAsync(
        FunctionProject function, FunctionLaunches launches, byte[] sampleEvent, Uri moto, IReadOnlyDictionary<string, string> variables,
        TestCertificateAuthority authority, ColdStartOptions options)
    {
        AwsTape tape;
        await using (var proxy = new AwsRecordingProxy(moto))
        {
            await ColdStartRunner.MeasureAsync(function, launches.Aot, sampleEvent, variables, proxy.Url);
            tape = proxy.Tape();
        }

        async Task<ColdStartSample> Replayed(FunctionLaunch launch)
        {
            await using var replay = tape.Replay(authority.ServerCertificate);
            var sample = await ColdStartRunner.MeasureAsync(function, launch, sampleEvent, variables, replay.Url);
            if (replay.Unanswered.Count > 0 || replay.Unused.Count > 0)
            {
                throw new BenchmarkSetupException(
                    $"{function.Name} ({launch.Variant}) did not repeat its recorded invocation: calls the tape had no answer for " +
                    $"[{string.Join(", ", replay.Unanswered)}], recorded calls not made [{string.Join(", ", replay.Unused)}]");
            }

            return sample;
        }

        Task<ColdStartSample> Moto(FunctionLaunch launch) =>
            ColdStartRunner.MeasureAsync(function, launch, sampleEvent, variables, moto);

        for (var i = 0; i < options.Warmups; i++)
        {
            foreach (var launch in launches.All)
            {
                await Replayed(launch);
            }
        }

        var result = new ColdStartResult(function, launches, tape);
        for (var i = 0; i < options.Runs; i++)
        {
            foreach (var launch in launches.All)
            {
                result.Replayed[launch.Variant].Add(await Replayed(launch));
                result.Moto[launch.Variant].Add(await Moto(launch));
            }
        }

        // The answer shows the work was done (ids, statuses and counts only: the functions never answer personal data).
        var aot = result.Of(FunctionLaunch.Aot);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{function.Name}: aot {Median(aot):F1} ms (init {Median(aot.Select(s => s.InitMilliseconds)):F1}), " +
            $"r2r {Median(result.Of(FunctionLaunch.ReadyToRun)):F1} ms, jit {Median(result.Of(FunctionLaunch.Jit)):F1} ms; {tape.Exchanges.Count} AWS calls over HTTPS; " +
            $"against moto_server aot {Median(result.MotoOf(FunctionLaunch.Aot)):F1} ms, r2r {Median(result.MotoOf(FunctionLaunch.ReadyToRun)):F1} ms; answered {Shorten(aot[^1].Answer)}"));
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
            Row(table, result.Function.Name, result, result.Launches.Aot, "native binary");
            Row(table, string.Empty, result, result.Launches.ReadyToRun, "app files (ReadyToRun), plus the shared .NET runtime");
            Row(table, string.Empty, result, result.Launches.Jit, "app files (IL), plus the shared .NET runtime");
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{string.Empty,-13} {"ratio",-7} {result.Ratio(FunctionLaunch.ReadyToRun),9:F1}x {string.Empty,26} " +
                $"{Median(result.MotoOf(FunctionLaunch.ReadyToRun)) / Median(result.MotoOf(FunctionLaunch.Aot)),7:F1}x" +
                $"  r2r / aot; {result.Tape.Exchanges.Count} AWS calls, {result.Tape.AwsMilliseconds:F1} ms of them at moto_server when recorded");
        }

        return table.ToString();
    }

    private static void Row(StringBuilder table, string name, ColdStartResult result, FunctionLaunch launch, string sizeNote)
    {
        var samples = result.Of(launch.Variant);
        table.AppendLine(CultureInfo.InvariantCulture,
            $"{name,-13} {launch.Variant,-7} {Median(samples),10:F1} {samples.Min(s => s.Milliseconds),8:F1} {samples.Max(s => s.Milliseconds),8:F1} " +
            $"{Median(samples.Select(s => s.InitMilliseconds)),8:F1} {Median(result.MotoOf(launch.Variant)),8:F1}  {launch.SizeBytes / 1024.0 / 1024.0:F1} MiB {sizeNote}");
    }

    /// <summary>One function's samples per variant: replayed AWS answers over HTTPS (the figures) and moto_server (for comparison).</summary>
    private sealed record ColdStartResult(FunctionProject Function, FunctionLaunches Launches, AwsTape Tape)
    {
        public Dictionary<string, List<ColdStartSample>> Replayed { get; } = Launches.All.ToDictionary(l => l.Variant, _ => new List<ColdStartSample>(), StringComparer.Ordinal);

        public Dictionary<string, List<ColdStartSample>> Moto { get; } = Launches.All.ToDictionary(l => l.Variant, _ => new List<ColdStartSample>(), StringComparer.Ordinal);

        public List<ColdStartSample> Of(string variant) => Replayed[variant];

        public List<ColdStartSample> MotoOf(string variant) => Moto[variant];

        /// <summary>How many times slower <paramref name="variant"/> starts than the AOT build (replayed medians).</summary>
        public double Ratio(string variant) => Median(Of(variant)) / Median(Of(FunctionLaunch.Aot));
    }
}
