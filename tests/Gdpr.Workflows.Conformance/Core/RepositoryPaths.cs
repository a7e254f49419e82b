namespace Gdpr.Workflows.Conformance.Core;

/// <summary>Finds the repository root and the shared conformance corpus beside it.</summary>
internal static class RepositoryPaths
{
    public const string SolutionFile = "Gdpr.Workflows.sln";

    /// <summary>The corpus folder, relative to a folder holding <c>shared/</c>.</summary>
    public static readonly string CorpusFolder = Path.Combine("shared", "conformance", "localstack-sfn");

    public const string DefaultCorpusFile = "cases.jsonl";

    /// <summary>
    /// Overrides where the corpus folder is (a path to <c>localstack-sfn</c>); a path that does not exist means "no
    /// corpus", which is how a clone without <c>../shared</c> is tried out on a machine that has it.
    /// </summary>
    public const string CorpusFolderVariable = "GDPR_CONFORMANCE_CORPUS";

    /// <summary>The nearest folder at or above <paramref name="start"/> holding the solution file, or null.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>
    /// The corpus folder: the repository's sibling <c>../shared</c> first, then a <c>shared/</c> beside any
    /// further ancestor (a git worktree lives deeper than the main checkout); or only the folder that
    /// <see cref="CorpusFolderVariable"/> names, when it is set.
    /// </summary>
    public static string? FindCorpusFolder(string repositoryRoot)
    {
        if (Environment.GetEnvironmentVariable(CorpusFolderVariable) is { Length: > 0 } overridden)
        {
            return Directory.Exists(overridden) ? Path.GetFullPath(overridden) : null;
        }

        for (var dir = Directory.GetParent(repositoryRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, CorpusFolder);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves the corpus argument: a path as given (relative to the current folder, then to the repository
    /// root), or a bare file name inside the corpus folder; null argument means <c>cases.jsonl</c> there.
    /// </summary>
    public static string? ResolveCorpus(string? argument, string? repositoryRoot)
    {
        var candidates = new List<string>();
        if (argument is not null)
        {
            candidates.Add(Path.GetFullPath(argument));
            if (repositoryRoot is not null)
            {
                candidates.Add(Path.GetFullPath(Path.Combine(repositoryRoot, argument)));
            }
        }

        if (repositoryRoot is not null && FindCorpusFolder(repositoryRoot) is { } folder)
        {
            candidates.Add(Path.Combine(folder, argument is null ? DefaultCorpusFile : Path.GetFileName(argument)));
        }

        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Where the known-failures list lives by default.</summary>
    public static string DefaultKnownFailures(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "tests", "Gdpr.Workflows.Conformance", "known-failures.txt");
}
