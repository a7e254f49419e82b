namespace Gdpr.Workflows.LambdaRuntime.RuntimeApi;

/// <summary>One event handed out by <c>GET /runtime/invocation/next</c>, with the headers that describe it.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms, as an instant.</param>
/// <param name="InvokedFunctionArn">Lambda-Runtime-Invoked-Function-Arn.</param>
/// <param name="TraceId">Lambda-Runtime-Trace-Id (the X-Ray tracing header), if any.</param>
/// <param name="ClientContext">Lambda-Runtime-Client-Context, if any.</param>
/// <param name="CognitoIdentity">Lambda-Runtime-Cognito-Identity, if any.</param>
/// <param name="Event">The event payload, UTF-8 JSON as sent by the caller (not validated here).</param>
public sealed record LambdaInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string? InvokedFunctionArn,
    string? TraceId,
    string? ClientContext,
    string? CognitoIdentity,
    ReadOnlyMemory<byte> Event);
