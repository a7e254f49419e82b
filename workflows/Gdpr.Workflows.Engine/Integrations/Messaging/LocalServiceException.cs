namespace Gdpr.Workflows.Engine.Integrations.Messaging;

/// <summary>
/// An error a local SNS topic or SQS queue answers with, in the terms of the AWS API it stands in for.
/// The integrations turn it into the task failure Step Functions reports (e.g. <c>SNS.NotFoundException</c>).
/// </summary>
public sealed class LocalServiceException(string exceptionName, string errorCode, int statusCode, string message)
    : Exception(message)
{
    /// <summary>The SDK exception's simple name, e.g. <c>NotFoundException</c>; Step Functions prefixes the service.</summary>
    public string ExceptionName { get; } = exceptionName;

    /// <summary>The API's error code, e.g. <c>NotFound</c>.</summary>
    public string ErrorCode { get; } = errorCode;

    public int StatusCode { get; } = statusCode;
}
