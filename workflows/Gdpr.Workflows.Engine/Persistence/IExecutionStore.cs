namespace Gdpr.Workflows.Engine.Persistence;

/// <summary>Durable record of executions: their header, history and checkpoints.</summary>
public interface IExecutionStore
{
}
