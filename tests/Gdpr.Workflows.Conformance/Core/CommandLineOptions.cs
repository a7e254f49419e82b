using System.Globalization;

namespace Gdpr.Workflows.Conformance.Core;

/// <summary>The runner's command line: <c>[corpus.jsonl] [--filter s] [--verbose] [--known-failures file] [--write-known-failures] [--timeout s] [--parallel n]</c>.</summary>
internal sealed record CommandLineOptions(
    string? Corpus,
    string? Filter,
    bool Verbose,
    string? KnownFailuresPath,
    bool WriteKnownFailures,
    TimeSpan CaseTimeout,
    int Parallelism)
{
    public const string Usage =
        """
        usage: dotnet run --project tests/Gdpr.Workflows.Conformance -c Release -- [corpus.jsonl] [options]
          corpus.jsonl              default: cases.jsonl of ../shared/conformance/localstack-sfn (a bare file name is looked up there)
          --filter <text>           run only cases whose id contains <text>
          --verbose                 list failing cases with their first difference, and cause/history mismatches
          --known-failures <file>   default: tests/Gdpr.Workflows.Conformance/known-failures.txt
          --write-known-failures    rewrite that file from this run's failures, keeping existing reasons
          --timeout <seconds>       wall time per case (default 10)
          --parallel <n>            cases run at once (default: processor count)
        """;

    /// <summary>Parses <paramref name="args"/>; on an error returns null and sets <paramref name="error"/>.</summary>
    public static CommandLineOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        string? corpus = null, filter = null, knownFailures = null;
        bool verbose = false, write = false;
        var timeout = TimeSpan.FromSeconds(10);
        var parallelism = Environment.ProcessorCount;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--verbose" or "-v":
                    verbose = true;
                    break;
                case "--write-known-failures":
                    write = true;
                    break;
                case "--filter" or "--known-failures" or "--timeout" or "--parallel" when i + 1 >= args.Count:
                    error = $"{arg} needs a value";
                    return null;
                case "--filter":
                    filter = args[++i];
                    break;
                case "--known-failures":
                    knownFailures = args[++i];
                    break;
                case "--timeout":
                    if (!double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
                    {
                        error = "--timeout needs a positive number of seconds";
                        return null;
                    }

                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--parallel":
                    if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out parallelism) || parallelism < 1)
                    {
                        error = "--parallel needs a positive whole number";
                        return null;
                    }

                    break;
                default:
                    if (arg.StartsWith('-') || corpus is not null)
                    {
                        error = $"unexpected argument '{arg}'";
                        return null;
                    }

                    corpus = arg;
                    break;
            }
        }

        return new CommandLineOptions(corpus, filter, verbose, knownFailures, write, timeout, parallelism);
    }
}
