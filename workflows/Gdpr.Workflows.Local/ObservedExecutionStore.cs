using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;
using Gdpr.Workflows.Engine.Persistence;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The engine's store, watched: every commit marks activity (so a command can wait until the engine is quiet), and an
/// execution that ends failed, timed out or aborted is reported as EventBridge's "Execution Status Change" would be.
/// </summary>
public sealed class ObservedExecutionStore(IExecutionStore inner, ActivityMonitor activity) : IExecutionStore
{
    /// <summary>Called after an execution ended FAILED, TIMED_OUT or ABORTED was committed.</summary>
    public event Action<ExecutionRecord>? ExecutionEndedAbnormally;

    public Task SaveStateMachineAsync(StateMachineRecord stateMachine, CancellationToken ct = default) => inner.SaveStateMachineAsync(stateMachine, ct);

    public Task<IReadOnlyList<StateMachineRecord>> ListStateMachinesAsync(CancellationToken ct = default) => inner.ListStateMachinesAsync(ct);

    public async Task<bool> TryCreateExecutionAsync(ExecutionRecord execution, ExecutionCommit first, CancellationToken ct = default)
    {
        activity.Touch();
        return await inner.TryCreateExecutionAsync(execution, first, ct);
    }

    public Task<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken ct = default) => inner.GetExecutionAsync(executionArn, ct);

    public Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, ExecutionStatus? status, CancellationToken ct = default) =>
        inner.ListExecutionsAsync(stateMachineArn, status, ct);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionArn, CancellationToken ct = default) => inner.GetHistoryAsync(executionArn, ct);

    public Task<IReadOnlyDictionary<string, FrameCheckpoint>> GetCheckpointsAsync(string executionArn, CancellationToken ct = default) =>
        inner.GetCheckpointsAsync(executionArn, ct);

    public async Task CommitAsync(string executionArn, ExecutionCommit commit, CancellationToken ct = default)
    {
        activity.Touch();
        await inner.CommitAsync(executionArn, commit, ct);
        activity.Touch();
        if (commit.End is { Status: ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted } end)
        {
            ExecutionEndedAbnormally?.Invoke(end);
        }
    }

    public Task<TaskTokenRecord?> GetTaskTokenAsync(string taskToken, CancellationToken ct = default) => inner.GetTaskTokenAsync(taskToken, ct);

    public async Task<bool> TryCompleteTaskTokenAsync(string taskToken, JsonObject outcome, CancellationToken ct = default)
    {
        activity.Touch();
        return await inner.TryCompleteTaskTokenAsync(taskToken, outcome, ct);
    }

    public Task<int> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, int limit, CancellationToken ct = default) => inner.DeleteEndedBeforeAsync(endedBefore, limit, ct);
}
