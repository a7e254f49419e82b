using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Persistence;

/// <summary>
/// Durable record of state machines and executions: headers, history and the checkpoints the engine resumes
/// from. <see cref="CommitAsync"/> is atomic: a transition's history events and checkpoints are written together
/// or not at all, so a crash never leaves history and position out of step.
/// </summary>
public interface IExecutionStore
{
    Task SaveStateMachineAsync(StateMachineRecord stateMachine, CancellationToken ct = default);

    Task<IReadOnlyList<StateMachineRecord>> ListStateMachinesAsync(CancellationToken ct = default);

    /// <summary>Creates the execution with its first events and checkpoint; false when the ARN already exists.</summary>
    Task<bool> TryCreateExecutionAsync(ExecutionRecord execution, ExecutionCommit first, CancellationToken ct = default);

    Task<ExecutionRecord?> GetExecutionAsync(string executionArn, CancellationToken ct = default);

    Task<IReadOnlyList<ExecutionRecord>> ListExecutionsAsync(string? stateMachineArn, ExecutionStatus? status, CancellationToken ct = default);

    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string executionArn, CancellationToken ct = default);

    Task<IReadOnlyDictionary<string, FrameCheckpoint>> GetCheckpointsAsync(string executionArn, CancellationToken ct = default);

    Task CommitAsync(string executionArn, ExecutionCommit commit, CancellationToken ct = default);

    Task<TaskTokenRecord?> GetTaskTokenAsync(string taskToken, CancellationToken ct = default);

    /// <summary>
    /// Records the answer to a task token once: false when the token already has an outcome (a second answer is a conflict).
    /// </summary>
    Task<bool> TryCompleteTaskTokenAsync(string taskToken, JsonObject outcome, CancellationToken ct = default);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> executions that ended before <paramref name="endedBefore"/>, with their
    /// history, checkpoints and task tokens (AWS deletes a closed execution's history 90 days after it closes; after
    /// that DescribeExecution answers ExecutionDoesNotExist). Running executions are never deleted. Returns how many were.
    /// </summary>
    Task<int> DeleteEndedBeforeAsync(DateTimeOffset endedBefore, int limit, CancellationToken ct = default);
}

public sealed record StateMachineRecord(string Arn, string Name, string Definition, StateMachineType Type, DateTimeOffset CreationDate);

/// <summary>
/// An execution's header; Status and the end fields change when it ends, and again when a redrive
/// (<see cref="RedriveCount"/>) sets it running from where it failed.
/// </summary>
public sealed record ExecutionRecord(
    string ExecutionArn,
    string StateMachineArn,
    string Name,
    ExecutionStatus Status,
    string Input,
    string? Output,
    string? Error,
    string? Cause,
    DateTimeOffset StartDate,
    DateTimeOffset? StopDate,
    int RedriveCount = 0);

/// <summary>A pending or answered task token. Outcome is null until SendTaskSuccess/Failure.</summary>
public sealed record TaskTokenRecord(string Token, string ExecutionArn, string FrameId, JsonObject? Outcome);

/// <summary>
/// One atomic write: new history events, checkpoint upserts (null value = delete), new task tokens, and a new
/// header (<see cref="End"/>). A header that ends the execution closes its unanswered tokens; a successful end
/// also drops its checkpoints, while a failed one keeps them so the execution can be redriven.
/// </summary>
/// <remarks>Immutable lists sized by the writer: one is written per transition, so it stays small.</remarks>
public sealed class ExecutionCommit
{
    public IReadOnlyList<HistoryEvent> Events { get; init; } = [];

    /// <summary>Checkpoint upserts by frame id; each frame at most once.</summary>
    public IReadOnlyList<KeyValuePair<string, FrameCheckpoint?>> Checkpoints { get; init; } = [];

    public IReadOnlyList<TaskTokenRecord> NewTokens { get; init; } = [];

    public ExecutionRecord? End { get; init; }
}
