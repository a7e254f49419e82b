using Gdpr.Workflows.TestSupport.Repository;

namespace Gdpr.Workflows.Stores.Tests.Support;

/// <summary>Finds the checkout the tests run from, so they read the real template.yaml.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() => RepositoryRoot.Path);

    public static string Root => RootPath.Value;

    public static string TemplateFile => Path.Combine(Root, "template.yaml");
}
