namespace Gdpr.Workflows.Conformance.Core;

/// <summary>Runs one case against an engine and reports what happened.</summary>
internal interface ICaseExecutor
{
    /// <summary>
    /// Creates the state machine, runs the execution to its end and describes it. Cancellation means the
    /// case ran out of wall time; the executor should stop what it started.
    /// </summary>
    Task<CaseOutcome> ExecuteAsync(ConformanceCase testCase, CancellationToken cancellationToken);
}

internal enum CaseVerdict
{
    Passed,
    Failed,
    Skipped,
}

/// <summary>The verdict on one case.</summary>
/// <param name="Detail">For a failure the first difference, for a skip the reason.</param>
internal sealed record CaseResult(
    ConformanceCase Case,
    CaseVerdict Verdict,
    string? Detail,
    string? CauseDifference = null,
    string? HistoryDifference = null,
    bool TimedOut = false);

/// <summary>Runs cases (skipping those <see cref="SkipPolicy"/> names), each within a wall-time bound, and judges them.</summary>
internal sealed class ConformanceRunner(ICaseExecutor executor, ExpectationComparer comparer, TimeSpan caseTimeout, int parallelism = 1)
{
    /// <summary>
    /// How much longer a case that ran out of wall time gets when it is run again, alone. The bound exists to stop a
    /// hung execution, not to judge speed: on a loaded machine (CI runs the test assemblies side by side on two
    /// cores) a case can miss it without anything being wrong. A case that hangs still fails, on the second bound.
    /// </summary>
    public const int ReRunTimeoutFactor = 6;

    /// <summary>Cases of the last <see cref="RunAsync"/> that ran out of wall time and were run again alone.</summary>
    public IReadOnlyList<CaseResult> ReRunAfterTimeout { get; private set; } = [];

    /// <summary>The results, in the order of <paramref name="cases"/>.</summary>
    public async Task<IReadOnlyList<CaseResult>> RunAsync(IReadOnlyList<ConformanceCase> cases, CancellationToken cancellationToken = default)
    {
        var results = new CaseResult[cases.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, cases.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (index, ct) => results[index] = await RunOneAsync(cases[index], caseTimeout, ct));

        var reRun = new List<CaseResult>();
        for (var index = 0; index < results.Length; index++)
        {
            if (results[index].TimedOut)
            {
                results[index] = await RunOneAsync(cases[index], caseTimeout * ReRunTimeoutFactor, cancellationToken);
                reRun.Add(results[index]);
            }
        }

        ReRunAfterTimeout = reRun;
        return results;
    }

    public Task<CaseResult> RunOneAsync(ConformanceCase testCase, CancellationToken cancellationToken = default) =>
        RunOneAsync(testCase, caseTimeout, cancellationToken);

    private async Task<CaseResult> RunOneAsync(ConformanceCase testCase, TimeSpan caseTimeout, CancellationToken cancellationToken)
    {
        if (SkipPolicy.ReasonToSkip(testCase) is { } reason)
        {
            return new CaseResult(testCase, CaseVerdict.Skipped, reason);
        }

        CaseOutcome outcome;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(caseTimeout);
        try
        {
            // WaitAsync bounds the case even if the executor ignores its token.
            outcome = await executor.ExecuteAsync(testCase, timeout.Token).WaitAsync(caseTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new CaseResult(testCase, CaseVerdict.Failed, $"no result within {caseTimeout.TotalSeconds:0.#} s", TimedOut: true);
        }
#pragma warning disable CA1031 // An engine crash on one case is that case's failure, not the run's.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new CaseResult(testCase, CaseVerdict.Failed, $"engine threw {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
        }

        var comparison = comparer.Compare(testCase, outcome);
        return new CaseResult(
            testCase,
            comparison.Passed ? CaseVerdict.Passed : CaseVerdict.Failed,
            comparison.Difference,
            comparison.CauseDifference,
            comparison.HistoryDifference);
    }

    /// <summary>1 when a case failed that is not a known failure (a regression), else 0.</summary>
    public static int ExitCode(IReadOnlyList<CaseResult> results, KnownFailures knownFailures) =>
        results.Any(r => r.Verdict == CaseVerdict.Failed && !knownFailures.Contains(r.Case.Id)) ? 1 : 0;
}
