namespace Gdpr.Workflows.Conformance.Core;

/// <summary>The console app: resolves paths, runs the corpus, prints the report and chooses the exit code.</summary>
internal static class ConformanceProgram
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, ICaseExecutor executor, TextWriter output, TextWriter errors)
    {
        var options = CommandLineOptions.Parse(args, out var parseError);
        if (options is null)
        {
            await errors.WriteLineAsync(parseError);
            await errors.WriteLineAsync(CommandLineOptions.Usage);
            return UsageError;
        }

        var root = RepositoryPaths.FindRepositoryRoot(Environment.CurrentDirectory)
            ?? RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory);
        var corpus = RepositoryPaths.ResolveCorpus(options.Corpus, root);
        if (corpus is null)
        {
            await errors.WriteLineAsync($"corpus not found: {options.Corpus ?? RepositoryPaths.DefaultCorpusFile} (looked beside {root ?? "no repository root"})");
            return UsageError;
        }

        var knownFailuresPath = options.KnownFailuresPath
            ?? (root is null ? "known-failures.txt" : RepositoryPaths.DefaultKnownFailures(root));
        var knownFailures = KnownFailures.Load(knownFailuresPath);

        var cases = CorpusReader.ReadFile(corpus)
            .Where(c => options.Filter is null || c.Id.Contains(options.Filter, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var comparer = new ExpectationComparer(new RecorderNormalizer(EngineCaseExecutor.AccountId, EngineCaseExecutor.Region));
        var runner = new ConformanceRunner(executor, comparer, options.CaseTimeout, options.Parallelism);
        var results = await runner.RunAsync(cases);

        await output.WriteLineAsync($"corpus: {corpus}");
        await output.WriteLineAsync($"known failures: {knownFailuresPath} ({knownFailures.Count})");
        await output.WriteLineAsync();
        if (options.WriteKnownFailures)
        {
            var regenerated = knownFailures.Regenerate(results);
            await File.WriteAllTextAsync(knownFailuresPath, regenerated.Format());
            await output.WriteLineAsync($"wrote {regenerated.Count} known failures to {knownFailuresPath}");
            knownFailures = regenerated;
        }

        foreach (var reRun in runner.ReRunAfterTimeout)
        {
            await output.WriteLineAsync(
                $"ran out of {options.CaseTimeout.TotalSeconds:0.#} s beside the other cases, run again alone: {reRun.Case.Id}: {reRun.Verdict}{(reRun.Detail is null ? "" : $" ({reRun.Detail})")}");
        }

        await output.WriteLineAsync(ConformanceReport.Render(results, knownFailures, options.Verbose));
        var exitCode = ConformanceRunner.ExitCode(results, knownFailures);
        if (options.Filter is null && KnownPassCounts.Load(KnownPassCounts.PathBeside(knownFailuresPath)).For(Path.GetFileName(corpus)) is { } known)
        {
            var passed = results.Count(r => r.Verdict == CaseVerdict.Passed);
            if (passed < known)
            {
                await errors.WriteLineAsync($"conformance: {passed} passed, below the known pass count {known} of {Path.GetFileName(corpus)} (known-pass-counts.txt)");
                exitCode = 1;
            }
        }

        return exitCode;
    }
}
