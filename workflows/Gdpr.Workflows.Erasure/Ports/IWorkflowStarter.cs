namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>The result of <see cref="IWorkflowStarter.StartAsync"/>.</summary>
/// <param name="ExecutionId">The execution's id (ARN).</param>
/// <param name="AlreadyStarted">True when an execution named after the request existed already (a retried intake).</param>
public sealed record WorkflowStart(string ExecutionId, bool AlreadyStarted);

/// <summary>How <see cref="IWorkflowStarter.StopAsync"/> ended.</summary>
public enum WorkflowStopResult
{
    Stopped,

    /// <summary>The execution had ended already; nothing to stop.</summary>
    NotRunning,

    /// <summary>No such execution.</summary>
    NotFound,
}

/// <summary>
/// Starts and stops the erasure workflow (Step Functions StartExecution / StopExecution, or the local engine).
/// </summary>
public interface IWorkflowStarter
{
    /// <summary>
    /// Starts the execution named <paramref name="requestId"/> with input <c>{"requestId": "..."}</c> and nothing
    /// else. Idempotent: when that execution exists already (running or ended), returns its id with
    /// <see cref="WorkflowStart.AlreadyStarted"/>. Throws <see cref="Errors.TransientErasureException"/> when the
    /// service is temporarily unavailable.
    /// </summary>
    Task<WorkflowStart> StartAsync(string requestId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts run <paramref name="run"/> of a request an officer reopened: the execution named
    /// <see cref="Contracts.ExecutionNames.Of"/>(requestId, run), input <c>{"requestId"}</c>. Idempotent as <see cref="StartAsync(string, CancellationToken)"/>.
    /// </summary>
    Task<WorkflowStart> StartRunAsync(string requestId, int run, CancellationToken cancellationToken = default) =>
        run == 1 ? StartAsync(requestId, cancellationToken) : throw new NotSupportedException("This workflow cannot run a request again.");

    /// <summary>
    /// Stops the request's execution: <paramref name="executionId"/> when known, else the one named
    /// <paramref name="requestId"/>. Records <paramref name="error"/> and <paramref name="cause"/> (ids and codes only).
    /// </summary>
    Task<WorkflowStopResult> StopAsync(string requestId, string? executionId, string error, string cause, CancellationToken cancellationToken = default);
}
