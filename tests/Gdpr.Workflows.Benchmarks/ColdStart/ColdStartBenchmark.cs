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
        using var environment = await ColdStartEnvironment.StartAsync(root);
        var seeds = launches.TryGetValue(ColdStartSeed.SeedingFunction, out var intake)
            ? await ColdStartSeed.SubmitAsync(measured, intake.Aot, environment.Variables)
            : new Dictionary<string, (string, string)>();
        var results = new List<ColdStartResult>();
        foreach (var function in measured)
        {
            var (aot, jit) = launches[function.Name];
            results.Add(await MeasureAsync(function, aot, jit, ColdStartSeed.EventFor(function, seeds), environment.Variables, options));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Runs} cold starts per variant after {options.Warmups} untimed, {FunctionPublisher.HostRid}, {Environment.ProcessorCount} cores"));
        Console.Write(FormatTable(results));
        var aotMedian = Median(results.SelectMany(r => r.AotMilliseconds));
        var jitMedian = Median(results.SelectMany(r => r.JitMilliseconds));
        var met = aotMedian < TargetAotMilliseconds && jitMedian / aotMedian >= TargetRatio;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"target (aot < {TargetAotMilliseconds} ms, >= {TargetRatio}x faster than jit): {(met ? "met" : "missed")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"coldstart: aot {aotMedian:F1} ms, jit {jitMedian:F1} ms, ratio {jitMedian / aotMedian:F1}"));
        return 0;
    }

    // Variants alternate run by run, so load from other processes that comes and goes weighs on both alike.
    private static async Task<ColdStartResult> MeasureAsync(
        FunctionProject function, FunctionLaunch aot, FunctionLaunch jit, byte[] sampleEvent, IReadOnlyDictionary<string, string> environment, ColdStartOptions options)
    {
        for (var i = 0; i < options.Warmups; i++)
        {
            await ColdStartRunner.MeasureAsync(function, aot, sampleEvent, environment);
            await ColdStartRunner.MeasureAsync(function, jit, sampleEvent, environment);
        }

        var aotTimes = new List<double>();
        var jitTimes = new List<double>();
        var lastAnswer = string.Empty;
        for (var i = 0; i < options.Runs; i++)
        {
            var (aotTime, answer) = await ColdStartRunner.MeasureAsync(function, aot, sampleEvent, environment);
            aotTimes.Add(aotTime);
            lastAnswer = answer;
            jitTimes.Add((await ColdStartRunner.MeasureAsync(function, jit, sampleEvent, environment)).Milliseconds);
        }

        // The answer shows the work was done (ids, statuses and counts only: the functions never answer personal data).
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{function.Name}: aot {Median(aotTimes):F1} ms, jit {Median(jitTimes):F1} ms; answered {Shorten(lastAnswer)}"));
        return new ColdStartResult(function, aot, jit, aotTimes, jitTimes);
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

    private static string FormatTable(IReadOnlyList<ColdStartResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"function",-12} {"variant",-7} {"median ms",10} {"min ms",8} {"max ms",8}  size");
        foreach (var result in results)
        {
            Row(table, result.Function.Name, result.Aot, result.AotMilliseconds, "native binary");
            Row(table, string.Empty, result.Jit, result.JitMilliseconds, "app files, plus the shared .NET runtime");
            table.AppendLine(CultureInfo.InvariantCulture,
                $"{string.Empty,-12} {"ratio",-7} {Median(result.JitMilliseconds) / Median(result.AotMilliseconds),9:F1}x");
        }

        return table.ToString();
    }

    private static void Row(StringBuilder table, string name, FunctionLaunch launch, IReadOnlyList<double> times, string sizeNote) =>
        table.AppendLine(CultureInfo.InvariantCulture,
            $"{name,-12} {launch.Variant,-7} {Median(times),10:F1} {times.Min(),8:F1} {times.Max(),8:F1}  {launch.SizeBytes / 1024.0 / 1024.0:F1} MiB {sizeNote}");

    private sealed record ColdStartResult(
        FunctionProject Function, FunctionLaunch Aot, FunctionLaunch Jit, IReadOnlyList<double> AotMilliseconds, IReadOnlyList<double> JitMilliseconds);
}
