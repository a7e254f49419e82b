using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Integrations;

/// <summary>
/// A Task state resource the engine can run: Lambda, SNS, SQS, or any new service integration.
/// Implementations must be safe to call again with the same <see cref="TaskInvocation.IdempotencyKey"/>:
/// a task in flight when the host crashed runs again after restart.
/// </summary>
public interface ITaskIntegration
{
    /// <summary>True when this integration serves the resource ARN (without the .waitForTaskToken/.sync suffix).</summary>
    bool CanHandle(string resource);

    /// <summary>
    /// Runs the task. Returns the task result (before ResultSelector/ResultPath). A failure is reported by
    /// throwing <see cref="TaskFailedException"/> with the error name and cause the state's Retry/Catch see.
    /// For <c>.waitForTaskToken</c> the returned value is ignored; the engine waits for SendTask*.
    /// </summary>
    Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>One attempt of a Task state.</summary>
/// <param name="Resource">The resource ARN with any .waitForTaskToken/.sync suffix removed.</param>
/// <param name="Pattern">How the engine waits for the task.</param>
/// <param name="Parameters">The effective parameters (after InputPath and Parameters).</param>
/// <param name="IdempotencyKey">Stable for execution + state path + attempt; the same after a crash and restart.</param>
/// <param name="TaskToken">The token SendTaskSuccess/Failure/Heartbeat must name, for waitForTaskToken.</param>
/// <param name="TimeoutSeconds">The state's effective TimeoutSeconds, if any (Lambda needs it for its own deadline).</param>
public sealed record TaskInvocation(
    string Resource,
    IntegrationPattern Pattern,
    JsonNode? Parameters,
    string IdempotencyKey,
    string? TaskToken,
    string ExecutionArn,
    string StateName,
    int Attempt,
    int? TimeoutSeconds);

public enum IntegrationPattern
{
    RequestResponse,
    WaitForTaskToken,
    Sync,
}

/// <summary>A task failure with the error name and cause AWS would report (e.g. Lambda's errorType).</summary>
public class TaskFailedException(string error, string? cause) : Exception(cause ?? error)
{
    public string Error { get; } = error;

    public string? Cause { get; } = cause;
}
