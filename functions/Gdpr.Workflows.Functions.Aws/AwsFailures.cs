using Amazon.Runtime;
using Gdpr.Workflows.Aws;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>Which AWS failures are temporary, so the functions report them as "Erasure.TransientError".</summary>
public static class AwsFailures
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded",
        "ProvisionedThroughputExceededException", "TransactionConflictException", "TransactionInProgressException",
        "InternalServerError", "ServiceUnavailable", "InternalFailure", "KMSThrottlingException", "KmsThrottlingException",
        "LimitExceededException",
    };

    /// <summary>Throttling, conflicts that clear by themselves, and server-side (5xx) errors of the SDK or our own clients.</summary>
    public static bool IsTransient(Exception failure) => failure switch
    {
        AwsServiceException own => own.IsTransient,
        AmazonServiceException sdk => (int)sdk.StatusCode >= 500 || sdk.Retryable is not null || (sdk.ErrorCode is { } code && TransientCodes.Contains(code)),
        _ => false,
    };
}
