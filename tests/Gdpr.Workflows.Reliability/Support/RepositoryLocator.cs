using Gdpr.Workflows.TestSupport.Repository;

namespace Gdpr.Workflows.Reliability.Support;

/// <summary>Where the repository (template.yaml, samples/systems.yaml) and the built gdpr tool are.</summary>
public static class RepositoryLocator
{
    /// <summary>The folder holding Gdpr.Workflows.sln, found by walking up from this program.</summary>
    public static string Root() => RepositoryRoot.Path;

    /// <summary>gdpr.dll, built beside this program (the project references the tool).</summary>
    public static string GdprDll()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "gdpr.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("gdpr.dll is not beside the reliability report; build the project.", path);
    }

    /// <summary>The system names of the sample registry (each has its own API token).</summary>
    public static IReadOnlyList<string> SampleSystems() =>
        Erasure.Registry.SystemRegistry.Load(Path.Combine(Root(), "samples", "systems.yaml")).Systems.Select(s => s.Name).ToList();
}
