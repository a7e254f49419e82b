using Root = Gdpr.Workflows.TestSupport.Repository.RepositoryRoot;

namespace Gdpr.Workflows.Benchmarks;

/// <summary>Finds the checkout the benchmarks run from, to read its files and its tools/node_modules.</summary>
internal static class RepositoryRoot
{
    /// <summary>The repository root above the working directory, else above the program.</summary>
    public static string Find() =>
        Root.Above(Directory.GetCurrentDirectory()) ?? Root.Above(AppContext.BaseDirectory)
        ?? throw new BenchmarkSetupException($"cannot find the repository root: no {Root.SolutionFile} above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'");
}
