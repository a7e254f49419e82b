using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.TestSupport.Repository;

namespace Gdpr.Workflows.Samples.Tests;

/// <summary>The shipped samples/systems.yaml, found from the test's output folder.</summary>
internal static class Registries
{
    public static SystemRegistry Samples { get; } = SystemRegistry.Load(SamplesFile());

    public static SystemDefinition System(string name) => Samples.Find(name)!;

    private static string SamplesFile() => RepositoryRoot.Combine("samples", "systems.yaml");
}
