namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>A project under functions/ (see functions/README.md), with the event its cold start is timed on.</summary>
/// <param name="Name">The function's name without prefix and suffix, e.g. <c>Status</c> for <c>StatusFunction</c>.</param>
internal sealed record FunctionProject(string Name, string Directory, string ProjectPath, byte[] SampleEvent)
{
    /// <summary>The sample event as text; it may name a seeded request (see <see cref="ColdStartSeed"/>).</summary>
    public string SampleEventText => System.Text.Encoding.UTF8.GetString(SampleEvent);

    public const string Prefix = "Gdpr.Workflows.Functions.";

    /// <summary>
    /// Where a function keeps the event the benchmark sends it (without one it gets <c>{}</c>): one that makes the function
    /// do its real work on the moto stack of <see cref="ColdStartEnvironment"/>, naming its request as
    /// <c>{{requestId}}</c> / <c>{{executionId}}</c>.
    /// </summary>
    public const string SampleEventPath = "events/coldstart.json";

    public string AssemblyName => Prefix + Name;

    public static IReadOnlyList<FunctionProject> Discover(string repositoryRoot)
    {
        var functions = Path.Combine(repositoryRoot, "functions");
        if (!System.IO.Directory.Exists(functions))
        {
            return [];
        }

        return System.IO.Directory.GetDirectories(functions, Prefix + "*")
            .Order(StringComparer.Ordinal)
            .Select(directory => (directory, project: Path.Combine(directory, Path.GetFileName(directory) + ".csproj")))
            // A function has a Makefile (functions/README.md); shared libraries in functions/ (Hosting, Aws, Local) do not.
            .Where(candidate => File.Exists(candidate.project) && File.Exists(Path.Combine(candidate.directory, "Makefile")))
            .Select(candidate => new FunctionProject(
                Path.GetFileName(candidate.directory)[Prefix.Length..],
                candidate.directory,
                candidate.project,
                SampleEventOf(candidate.directory)))
            .ToList();
    }

    private static byte[] SampleEventOf(string directory)
    {
        var path = Path.Combine(directory, SampleEventPath);
        return File.Exists(path) ? File.ReadAllBytes(path) : "{}"u8.ToArray();
    }
}
