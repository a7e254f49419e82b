namespace Gdpr.Workflows.TestSupport.Repository;

/// <summary>
/// The checkout the tests, benchmarks and reports run from (the folder holding Gdpr.Workflows.sln), so they read the
/// real template.yaml, samples/systems.yaml and their own fixtures. The one place that walks up to it.
/// </summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "Gdpr.Workflows.sln";

    private static readonly Lazy<string?> FromProgram = new(() => Above(AppContext.BaseDirectory));

    /// <summary>The repository root above the running program's folder.</summary>
    public static string Path => FromProgram.Value
        ?? throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}: run from a checkout of the repository.");

    /// <summary>template.yaml at the root.</summary>
    public static string TemplateFile => Combine("template.yaml");

    /// <summary>A path under the repository root.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The nearest folder at or above <paramref name="start"/> holding the solution file, or null.</summary>
    public static string? Above(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
