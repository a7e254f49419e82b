using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Integrations;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine;

/// <summary>Settings of a local engine.</summary>
public sealed class LocalEngineOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where executions are persisted; every transition is written before the next begins.</summary>
    public IExecutionStore Store { get; init; } = new InMemoryExecutionStore();

    /// <summary>Task resources the engine can run, asked in order.</summary>
    public IList<ITaskIntegration> Integrations { get; } = new List<ITaskIntegration>();

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "123456789012";

    /// <summary>Seeded randomness for retry jitter and States.MathRandom; null for a shared random.</summary>
    public Random? Random { get; init; }
}

/// <summary>
/// An in-process AWS Step Functions: the same API verbs (CreateStateMachine, StartExecution,
/// DescribeExecution, GetExecutionHistory, StopExecution, SendTask*), running ASL (JSONPath) durably.
/// </summary>
public sealed partial class LocalStepFunctions
{
    // Members (implemented in Execution/):
    //   LocalStepFunctions(LocalEngineOptions options)
    //   string CreateStateMachine(string name, string definitionJson, StateMachineType type = Standard)
    //       returns the ARN; throws AslDefinitionException for a definition AWS would refuse.
    //   Task<string> StartExecutionAsync(string stateMachineArn, string? inputJson = "{}", string? name = null, CancellationToken ct = default)
    //       returns the execution ARN; same name + same input returns the running execution's ARN.
    //   Task<ExecutionDescription> DescribeExecutionAsync(string executionArn)
    //   Task<IReadOnlyList<HistoryEvent>> GetExecutionHistoryAsync(string executionArn)
    //   Task<IReadOnlyList<ExecutionDescription>> ListExecutionsAsync(string stateMachineArn, ExecutionStatus? status = null)
    //   Task StopExecutionAsync(string executionArn, string? error = null, string? cause = null)
    //   Task<ExecutionDescription> WaitForCompletionAsync(string executionArn, CancellationToken ct = default)
    //   Task SendTaskSuccessAsync(string taskToken, string outputJson)
    //   Task SendTaskFailureAsync(string taskToken, string? error, string? cause)
    //   Task SendTaskHeartbeatAsync(string taskToken)
    //   Task ResumeAsync()  continues every running execution found in the store (after a restart).
}
