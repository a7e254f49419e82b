namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>How to start one build of a function, and how big that build is.</summary>
/// <param name="Variant"><c>aot</c> or <c>jit</c>.</param>
/// <param name="SizeBytes">The native binary (AOT), or the app's own files without symbols (JIT, which also needs the shared runtime).</param>
internal sealed record FunctionLaunch(string Variant, string FileName, IReadOnlyList<string> Arguments, long SizeBytes)
{
    public const string Aot = "aot";
    public const string Jit = "jit";
}
