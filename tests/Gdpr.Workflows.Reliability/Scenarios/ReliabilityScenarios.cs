namespace Gdpr.Workflows.Reliability.Scenarios;

/// <summary>Every scenario of the report, in the order they run.</summary>
public static class ReliabilityScenarios
{
    public static IReadOnlyList<IReliabilityScenario> All() =>
    [
        new CrashStormScenario(),
        new LoadScenario(),
        new RacesScenario(),
        new HostileInputScenario(),
        new TamperScenario(),
    ];
}
