using Gdpr.Workflows.TestSupport.Repository;

namespace Gdpr.Workflows.Stack.Tests.Support;

/// <summary>Finds the checkout the tests run from, so they read the real template.yaml and their own fixtures.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() => RepositoryRoot.Path);

    public static string Root => RootPath.Value;

    public static string TemplateFile => Path.Combine(Root, "template.yaml");

    public static string StateMachinesDirectory => Path.Combine(Root, "statemachines");

    public static string Fixture(string name) => Path.Combine(Root, "tests", "Gdpr.Workflows.Stack.Tests", "Fixtures", name);
}
