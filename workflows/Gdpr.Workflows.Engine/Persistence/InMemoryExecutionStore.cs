namespace Gdpr.Workflows.Engine.Persistence;

/// <summary>Keeps executions in memory only: fast, for tests and benchmarks; nothing survives the process.</summary>
public sealed class InMemoryExecutionStore : IExecutionStore
{
}
