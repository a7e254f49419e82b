namespace Gdpr.Workflows.Aws.StepFunctions;

internal sealed record SendTaskSuccessRequest(string TaskToken, string Output);

internal sealed record SendTaskFailureRequest(string TaskToken, string? Error, string? Cause);

internal sealed record SendTaskHeartbeatRequest(string TaskToken);

/// <summary>The <c>{}</c> that operations without a result answer.</summary>
internal sealed record EmptyResult;
