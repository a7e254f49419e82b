using System.Diagnostics;
using Gdpr.Workflows.Reliability.Scenarios;

// `report [--quick] [--soak] [--only name,...]`: runs every reliability scenario and prints, as the last line,
// "reliability: crashes C, requests R, lost L, duplicate-effects D, chains V/T, inputs N, leaks K".
var arguments = args.ToList();
var onlyAt = arguments.IndexOf("--only");
var only = onlyAt > 0 && onlyAt + 1 < arguments.Count ? arguments[onlyAt + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
if (only is not null)
{
    arguments.RemoveRange(onlyAt, 2);
}

if (arguments.Count == 0 || arguments[0] != "report" || arguments.Skip(1).Any(a => a is not ("--quick" or "--soak")) || (onlyAt > 0 && only is null))
{
    Console.Error.WriteLine("usage: report [--quick] [--soak] [--only name,...]   (--quick: the CI size, under 5 minutes; --soak: longer runs; --only: these scenarios)");
    return 2;
}

var work = Path.Combine(Path.GetTempPath(), "gdpr-reliability-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(work);
var options = new ReliabilityOptions(arguments.Contains("--quick"), arguments.Contains("--soak"), work);
var total = new ScenarioFigures();
var reportClock = Stopwatch.StartNew();
try
{
    foreach (var scenario in ReliabilityScenarios.All().Where(s => only is null || only.Contains(s.Name, StringComparer.OrdinalIgnoreCase)))
    {
        var clock = Stopwatch.StartNew();
        ScenarioFigures figures;
        try
        {
            figures = await scenario.RunAsync(options, CancellationToken.None);
        }
        catch (Exception e)
        {
            figures = new ScenarioFigures { Failures = [$"{scenario.Name} crashed: {e}"] };
        }

        foreach (var line in figures.Lines)
        {
            Console.WriteLine($"  {scenario.Name}: {line}");
        }

        foreach (var failure in figures.Failures)
        {
            Console.WriteLine($"  {scenario.Name}: FAILED {failure}");
        }

        Console.WriteLine($"{scenario.Name}: {(figures.Held ? "held" : "BROKEN")} in {clock.Elapsed.TotalSeconds:0.0} s");
        total += figures;
    }
}
finally
{
    try
    {
        if (total.Held || Environment.GetEnvironmentVariable("GDPR_RELIABILITY_KEEP") != "1")
        {
            Directory.Delete(work, recursive: true);
        }
        else
        {
            Console.WriteLine($"report: kept the data of the broken run in {work} (GDPR_RELIABILITY_KEEP=1)");
        }
    }
    catch (IOException)
    {
        // A killed child may still hold a file for a moment; the temp directory is left for the OS to clean.
    }
}

Console.WriteLine($"report: {(options.Quick ? "quick" : options.Soak ? "soak" : "full")} run in {reportClock.Elapsed.TotalSeconds:0.0} s");
Console.WriteLine($"duplicates: duplicate-deliveries {total.DuplicateDeliveries} (absorbed by idempotency keys), duplicate-effects {total.DuplicateEffects}");
foreach (var line in total.Summary)
{
    Console.WriteLine(line);
}

Console.WriteLine($"reliability: crashes {total.Crashes}, requests {total.Requests}, lost {total.Lost}, duplicate-effects {total.DuplicateEffects}, chains {total.ChainsVerified}/{total.ChainsTotal}, inputs {total.Inputs}, leaks {total.Leaks}");
return total.Held ? 0 : 1;
