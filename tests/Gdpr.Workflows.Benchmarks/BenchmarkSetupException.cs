namespace Gdpr.Workflows.Benchmarks;

/// <summary>The machine is not ready to run a benchmark (missing tool, file or repository); the message says what to do.</summary>
internal sealed class BenchmarkSetupException(string message) : Exception(message);
