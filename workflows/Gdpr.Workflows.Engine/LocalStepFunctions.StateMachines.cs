using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Engine;

/// <summary>Read access to the state machines the engine runs (what DescribeStateMachine and ListStateMachines answer).</summary>
public sealed partial class LocalStepFunctions
{
    /// <summary>The state machine with this ARN, or null.</summary>
    public StateMachineRecord? FindStateMachine(string stateMachineArn) =>
        machines.TryGetValue(stateMachineArn, out var machine) ? machine.Record : null;

    /// <summary>Every state machine created or loaded, by name.</summary>
    public IReadOnlyList<StateMachineRecord> ListStateMachines() =>
        [.. machines.Values.Select(m => m.Record).OrderBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>The ARN a state machine of this name gets (CreateStateMachine's answer), without creating it.</summary>
    public string StateMachineArnFor(string name) => $"arn:aws:states:{Options.Region}:{Options.AccountId}:stateMachine:{name}";

    /// <summary>The execution role the engine reports for executions (it runs with the process's own rights).</summary>
    public string ExecutionRoleArn => RoleArn;

    /// <summary>
    /// Starts an execution and waits for its end, as StartSyncExecution does for EXPRESS state machines.
    /// </summary>
    public async Task<ExecutionDescription> StartSyncExecutionAsync(string stateMachineArn, string? inputJson = "{}", string? name = null, CancellationToken ct = default)
    {
        var arn = await StartExecutionAsync(stateMachineArn, inputJson, name, ct);
        return await WaitForCompletionAsync(arn, ct);
    }
}
