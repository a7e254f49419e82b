namespace Gdpr.Workflows.Functions.Tests.Support;

/// <summary>Finds the checkout the tests run from, so they deploy the real template.yaml.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string TemplateFile => Path.Combine(RootPath.Value, "template.yaml");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gdpr.Workflows.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Gdpr.Workflows.sln above {AppContext.BaseDirectory}");
    }
}
