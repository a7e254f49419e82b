using Gdpr.Workflows.Conformance.Core;

namespace Gdpr.Workflows.Engine.Tests.Conformance;

/// <summary>The shared LocalStack-derived corpus (beside the repository, as CI lays it out too).</summary>
internal static class Corpus
{
    public const string Cases = "cases.jsonl";
    public const string CasesWithServices = "cases-with-services.jsonl";
    public const string DefinitionRejections = "definition-rejections.jsonl";

    private static readonly Lazy<string?> Folder = new(() =>
    {
        var root = RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("The tests run outside the repository.");
        return RepositoryPaths.FindCorpusFolder(root);
    });

    /// <summary>
    /// Why the corpus-based tests are skipped, or null when the corpus is there. The corpus is not part of the
    /// repository: a clone from its public home has none, and its tests are skipped rather than failed.
    /// </summary>
    public static string? MissingReason => Folder.Value is null
        ? $"no conformance corpus: {RepositoryPaths.CorpusFolder} is not beside the repository (CI puts it there; {RepositoryPaths.CorpusFolderVariable} names another folder)"
        : null;

    private static readonly Dictionary<string, IReadOnlyList<ConformanceCase>> Loaded = [];

    public static string PathOf(string file) =>
        Path.Combine(Folder.Value ?? throw new InvalidOperationException(MissingReason), file);

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
