namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>How to start one build of a function, and how big that build is.</summary>
/// <param name="Variant"><c>aot</c>, <c>r2r</c> (framework-dependent IL published ReadyToRun: the JIT baseline) or <c>jit</c> (plain IL).</param>
/// <param name="SizeBytes">The native binary (AOT), or the app's own files without symbols (JIT, which also needs the shared runtime).</param>
internal sealed record FunctionLaunch(string Variant, string FileName, IReadOnlyList<string> Arguments, long SizeBytes)
{
    public const string Aot = "aot";
    public const string ReadyToRun = "r2r";
    public const string Jit = "jit";
}

/// <summary>The three builds of one function.</summary>
internal sealed record FunctionLaunches(FunctionLaunch Aot, FunctionLaunch ReadyToRun, FunctionLaunch Jit)
{
    public IEnumerable<FunctionLaunch> All => [Aot, ReadyToRun, Jit];
}
