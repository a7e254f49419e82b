using Gdpr.Workflows.Conformance.Core;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

/// <summary>The shared LocalStack-derived corpus (beside the repository, as CI lays it out too).</summary>
internal static class Corpus
{
    public const string Cases = "cases.jsonl";
    public const string CasesWithServices = "cases-with-services.jsonl";
    public const string DefinitionRejections = "definition-rejections.jsonl";

    private static readonly Lazy<string> Folder = new(() =>
    {
        var root = RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("The tests run outside the repository.");
        return RepositoryPaths.FindCorpusFolder(root)
            ?? throw new InvalidOperationException($"No {RepositoryPaths.CorpusFolder} beside {root}.");
    });

    private static readonly Dictionary<string, IReadOnlyList<ConformanceCase>> Loaded = [];

    public static string PathOf(string file) => Path.Combine(Folder.Value, file);

    public static IReadOnlyList<ConformanceCase> All(string file)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(file, out var cases))
            {
                cases = CorpusReader.ReadFile(PathOf(file));
                Loaded[file] = cases;
            }

            return cases;
        }
    }

    /// <summary>The case whose id ends with <paramref name="idSuffix"/> (the test's class and name, e.g. "TestTaskLambda::test_raise_exception").</summary>
    public static ConformanceCase Case(string file, string idSuffix) =>
        All(file).Single(c => c.Id.EndsWith(idSuffix, StringComparison.Ordinal));
}
