namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>Where a request's execution stands, as <see cref="IWorkflowExecutions.DescribeAsync"/> found it.</summary>
public enum WorkflowRunState
{
    Running,

    /// <summary>It ended (succeeded, failed, timed out or was stopped): see <see cref="WorkflowRun.EndedAs"/>.</summary>
    Ended,

    /// <summary>No such execution (intake never started it).</summary>
    NotFound,
}

/// <param name="EndedAs">The engine's status once ended (e.g. FAILED, Aborted), else null.</param>
/// <param name="Error">The error name it ended with (a code, never personal data), if any.</param>
public sealed record WorkflowRun(WorkflowRunState State, string? EndedAs = null, string? Error = null);

/// <summary>
/// Reads where a request's execution stands (Step Functions DescribeExecution, or the local engine's), for an officer's
/// retry: a running workflow needs nothing, a missing one is started, one that ended while the request is open is a
/// conflict to look into.
/// </summary>
public interface IWorkflowExecutions
{
    /// <summary>
    /// The execution <paramref name="executionId"/> when known, else the one named <paramref name="requestId"/>. Throws
    /// <see cref="Errors.TransientErasureException"/> when the service is temporarily unavailable.
    /// </summary>
    Task<WorkflowRun> DescribeAsync(string requestId, string? executionId, CancellationToken cancellationToken = default);
}
