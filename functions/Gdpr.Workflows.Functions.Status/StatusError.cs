namespace Gdpr.Workflows.Functions.Status;

/// <summary>The JSON body of an error answer; only ids, never anything about the data subject.</summary>
internal sealed record StatusError(string Error, string? RequestId);
