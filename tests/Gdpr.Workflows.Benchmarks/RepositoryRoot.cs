namespace Gdpr.Workflows.Benchmarks;

/// <summary>Finds the checkout the benchmarks run from, to read its files and its tools/node_modules.</summary>
internal static class RepositoryRoot
{
    private const string Marker = "Gdpr.Workflows.sln";

    /// <summary>The nearest folder holding Gdpr.Workflows.sln above the working directory, else above the program.</summary>
    public static string Find() =>
        Above(Directory.GetCurrentDirectory()) ?? Above(AppContext.BaseDirectory)
        ?? throw new BenchmarkSetupException($"cannot find the repository root: no {Marker} above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'");

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
