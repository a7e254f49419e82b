using System.Net;

namespace Gdpr.Workflows.Aws;

/// <summary>An AWS service answered with an error; <see cref="ErrorCode"/> is AWS's code, e.g. <c>ExecutionAlreadyExists</c>.</summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException()
        : this("Unknown", "An AWS service returned an error.", 0, null)
    {
    }

    public AwsServiceException(string message)
        : this("Unknown", message, 0, null)
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "Unknown";
    }

    public AwsServiceException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
        : base($"{errorCode}: {message}")
    {
        ErrorCode = errorCode;
        AwsMessage = message;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The error code without namespace, e.g. <c>TaskTimedOut</c> (see <c>StepFunctionsErrorCodes</c>).</summary>
    public string ErrorCode { get; }

    /// <summary>The service's own message, as sent.</summary>
    public string? AwsMessage { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The x-amzn-RequestId of the failed call, for AWS support.</summary>
    public string? RequestId { get; }

    /// <summary>Throttling or a server-side failure: the same call may succeed later.</summary>
    public bool IsTransient =>
        (int)StatusCode >= 500
        || StatusCode == HttpStatusCode.TooManyRequests
        || ErrorCode is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded"
            or "KmsThrottlingException" or "ServiceUnavailable" or "InternalFailure";
}
