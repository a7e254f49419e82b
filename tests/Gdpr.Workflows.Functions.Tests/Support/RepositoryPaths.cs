using Gdpr.Workflows.TestSupport.Repository;

namespace Gdpr.Workflows.Functions.Tests.Support;

/// <summary>Finds the checkout the tests run from, so they deploy the real template.yaml.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() => RepositoryRoot.Path);

    public static string TemplateFile => Path.Combine(RootPath.Value, "template.yaml");
}
