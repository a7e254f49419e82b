namespace Gdpr.Workflows.Reliability.Scenarios;

/// <summary>How big a run is: <see cref="Quick"/> fits CI (the whole report under 5 minutes), the default is the full size.</summary>
public sealed record ReliabilityOptions(bool Quick, bool Soak, string WorkDirectory);

/// <summary>One scenario of the reliability report: runs against real processes and files, never against mocks.</summary>
public interface IReliabilityScenario
{
    /// <summary>Short name printed beside the scenario's figures.</summary>
    string Name { get; }

    /// <summary>Runs the scenario and returns what it measured; a broken promise goes into <see cref="ScenarioFigures.Failures"/>.</summary>
    Task<ScenarioFigures> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken);
}

/// <summary>
/// What one scenario measured. The report sums these into its last line; <see cref="Lines"/> are printed as they are
/// (throughput, p99, inputs per target...), <see cref="Failures"/> explain each broken promise and fail the report.
/// </summary>
public sealed record ScenarioFigures
{
    public int Crashes { get; init; }
    public int Requests { get; init; }
    public int Lost { get; init; }
    public int DuplicateEffects { get; init; }

    /// <summary>Deliveries to a system beyond the first per (request, system), counted before the system's dedupe: not a failure.</summary>
    public int DuplicateDeliveries { get; init; }
    public int ChainsVerified { get; init; }
    public int ChainsTotal { get; init; }
    public long Inputs { get; init; }
    public int Leaks { get; init; }
    public IReadOnlyList<string> Lines { get; init; } = [];
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>Lines the report prints unindented just before its last line, e.g. <c>load: N requests, ...</c>.</summary>
    public IReadOnlyList<string> Summary { get; init; } = [];

    public static ScenarioFigures operator +(ScenarioFigures a, ScenarioFigures b) => new()
    {
        Crashes = a.Crashes + b.Crashes,
        Requests = a.Requests + b.Requests,
        Lost = a.Lost + b.Lost,
        DuplicateEffects = a.DuplicateEffects + b.DuplicateEffects,
        DuplicateDeliveries = a.DuplicateDeliveries + b.DuplicateDeliveries,
        ChainsVerified = a.ChainsVerified + b.ChainsVerified,
        ChainsTotal = a.ChainsTotal + b.ChainsTotal,
        Inputs = a.Inputs + b.Inputs,
        Leaks = a.Leaks + b.Leaks,
        Lines = [.. a.Lines, .. b.Lines],
        Failures = [.. a.Failures, .. b.Failures],
        Summary = [.. a.Summary, .. b.Summary],
    };

    /// <summary>True when nothing was lost, duplicated or leaked, every chain verified and no scenario failed.</summary>
    public bool Held => Lost == 0 && DuplicateEffects == 0 && Leaks == 0 && ChainsVerified == ChainsTotal && Failures.Count == 0;
}
