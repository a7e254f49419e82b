namespace Gdpr.Workflows.Engine.Integrations.Lambda;

/// <summary>What an in-process Lambda handler learns about its invocation (a subset of Lambda's context object).</summary>
/// <param name="FunctionName">The function's name, without qualifier.</param>
/// <param name="InvokedFunctionArn">The ARN the caller invoked, with its qualifier if it gave one.</param>
/// <param name="FunctionVersion">The version that runs: <c>$LATEST</c> unless a numeric version was invoked.</param>
/// <param name="AwsRequestId">This invocation's request id; the same when the engine re-runs the same attempt after a crash.</param>
/// <param name="IdempotencyKey">The engine's key for this task attempt, for handlers that must not repeat side effects.</param>
/// <param name="Deadline">When the Task state's TimeoutSeconds ends, if it has one.</param>
public sealed record LambdaInvocationContext(
    string FunctionName,
    string InvokedFunctionArn,
    string FunctionVersion,
    string AwsRequestId,
    string ExecutionArn,
    string StateName,
    int Attempt,
    string IdempotencyKey,
    DateTimeOffset? Deadline);
