namespace Gdpr.Workflows.Reliability.Tests.Support;

/// <summary>How many generated cases each property runs: enough to find the edges, small enough for CI.</summary>
internal static class Properties
{
    public const long Iterations = 2_000;

    /// <summary>For properties that go through the services and stores (slower per case).</summary>
    public const long ServiceIterations = 400;
}
