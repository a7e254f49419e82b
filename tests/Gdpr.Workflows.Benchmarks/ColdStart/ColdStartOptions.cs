using System.Globalization;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <param name="Runs">Timed cold starts per function and variant.</param>
/// <param name="Warmups">Untimed starts per variant first (file cache, page cache).</param>
/// <param name="Publish">False reuses the binaries already in artifacts/coldstart.</param>
/// <param name="Only">Function names to measure (e.g. <c>Status</c>); empty for all.</param>
internal sealed record ColdStartOptions(int Runs, int Warmups, bool Publish, IReadOnlySet<string> Only)
{
    public const string Help =
        "--runs N: timed cold starts per variant, default 10; --warmup N: untimed starts first, default 1; --no-publish: reuse artifacts/coldstart; " +
        "--functions A,B: only these (Intake is published too, to seed requests)";

    public static ColdStartOptions? Parse(string[] args)
    {
        var options = new ColdStartOptions(Runs: 10, Warmups: 1, Publish: true, Only: new HashSet<string>(StringComparer.Ordinal));
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--no-publish":
                    options = options with { Publish = false };
                    break;
                case "--runs" when Count(args, i + 1, minimum: 1) is { } runs:
                    options = options with { Runs = runs };
                    i++;
                    break;
                case "--functions" when i + 1 < args.Length:
                    options = options with { Only = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) };
                    i++;
                    break;
                case "--warmup" when Count(args, i + 1, minimum: 0) is { } warmups:
                    options = options with { Warmups = warmups };
                    i++;
                    break;
                default:
                    return null;
            }
        }

        return options;
    }

    private static int? Count(string[] args, int index, int minimum) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : null;
}
