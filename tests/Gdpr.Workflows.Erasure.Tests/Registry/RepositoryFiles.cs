using Gdpr.Workflows.TestSupport.Repository;

namespace Gdpr.Workflows.Erasure.Tests.Registry;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts) => RepositoryRoot.Combine(parts);
}
