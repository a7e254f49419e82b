using Gdpr.Workflows.Erasure.Registry;

namespace Gdpr.Workflows.Samples.Tests;

/// <summary>The shipped samples/systems.yaml, found from the test's output folder.</summary>
internal static class Registries
{
    public static SystemRegistry Samples { get; } = SystemRegistry.Load(SamplesFile());

    public static SystemDefinition System(string name) => Samples.Find(name)!;

    private static string SamplesFile()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gdpr.Workflows.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Repository root not found."), "samples", "systems.yaml");
    }
}
