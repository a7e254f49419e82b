namespace Gdpr.Workflows.Erasure.Tests.Registry;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Path(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Gdpr.Workflows.sln")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException("The repository root (Gdpr.Workflows.sln) is not above the test folder.")
            : System.IO.Path.Combine([directory.FullName, .. parts]);
    }
}
