namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>How answering a waiting task ended.</summary>
public enum TaskAnswerResult
{
    /// <summary>The task took the answer.</summary>
    Delivered,

    /// <summary>The token is not one the engine issued (Step Functions: InvalidToken, TaskDoesNotExist).</summary>
    UnknownToken,

    /// <summary>The task was answered already, or timed out, or its execution ended (Step Functions: TaskTimedOut).</summary>
    TaskClosed,
}

/// <summary>
/// Completes tasks that wait for a token (Step Functions SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat).
/// Implementations map the service's token errors to <see cref="TaskAnswerResult"/> and throw
/// <see cref="Errors.TransientErasureException"/> for throttling and service faults.
/// </summary>
public interface IWorkflowTasks
{
    /// <summary>Completes the task with <paramref name="outputJson"/> as its result.</summary>
    Task<TaskAnswerResult> SendSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default);

    /// <summary>Fails the task with an error name and a cause (codes only, never personal data).</summary>
    Task<TaskAnswerResult> SendFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default);

    /// <summary>Restarts the task's heartbeat clock.</summary>
    Task<TaskAnswerResult> SendHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default);
}
