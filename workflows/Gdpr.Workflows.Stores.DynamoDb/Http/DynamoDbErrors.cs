using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Gdpr.Workflows.Aws.Http;

namespace Gdpr.Workflows.Stores.DynamoDb.Http;

/// <summary>
/// DynamoDB's error answers as the SDK's own exception types, so callers catch the same exceptions whichever client they
/// use: <c>__type</c> (without its <c>com.amazonaws.dynamodb.v20120810#</c> prefix) picks the type, <c>ErrorCode</c> and
/// <c>StatusCode</c> are set, and the modelled members (a condition failure's <c>Item</c>, a cancelled transaction's
/// <c>CancellationReasons</c>) are read.
/// </summary>
internal static class DynamoDbErrors
{
    // The SDK's standard retry mode: throttling codes, and transient ones besides 5xx. Not TransactionInProgressException:
    // only a TransactWriteItems with a ClientRequestToken meets it, and DynamoDbTransactions owns that retry (with
    // backoff, up to 8 attempts); retrying here too would multiply the attempts.
    private static readonly HashSet<string> RetryableCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "RequestTimeout", "RequestTimeoutException", "InternalServerError",
    };

    public static AmazonDynamoDBException Parse(HttpStatusCode status, string? requestId, byte[] body)
    {
        JsonDocument? document = null;
        try
        {
            document = body.Length > 0 && body[0] == (byte)'{' ? JsonDocument.Parse(body) : null;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): the status decides, as for an empty body.
        }

        using (document)
        {
            var root = document?.RootElement ?? default;
            var code = AwsErrorParser.ShortCode(DynamoDbResponseReader.String(root, "__type")) ?? $"Http{(int)status}";
            var message = DynamoDbResponseReader.String(root, "message") ?? DynamoDbResponseReader.String(root, "Message")
                ?? $"HTTP {(int)status} with no error message";
            var type = (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender;
            return code switch
            {
                "ConditionalCheckFailedException" => new ConditionalCheckFailedException(message, type, code, requestId, status)
                {
                    Item = DynamoDbResponseReader.Item(root, "Item"),
                },
                "TransactionCanceledException" => new TransactionCanceledException(message, type, code, requestId, status)
                {
                    CancellationReasons = Reasons(root),
                },
                "TransactionInProgressException" => new TransactionInProgressException(message, type, code, requestId, status),
                "TransactionConflictException" => new TransactionConflictException(message, type, code, requestId, status),
                "ResourceNotFoundException" => new ResourceNotFoundException(message, type, code, requestId, status),
                "ProvisionedThroughputExceededException" => new ProvisionedThroughputExceededException(message, type, code, requestId, status),
                "RequestLimitExceeded" => new RequestLimitExceededException(message, type, code, requestId, status),
                "IdempotentParameterMismatchException" => new IdempotentParameterMismatchException(message, type, code, requestId, status),
                "ItemCollectionSizeLimitExceededException" => new ItemCollectionSizeLimitExceededException(message, type, code, requestId, status),
                "InternalServerError" => new InternalServerErrorException(message, type, code, requestId, status),
                _ => new AmazonDynamoDBException(message, type, code, requestId, status),
            };
        }
    }

    /// <summary>Whether the SDK's standard mode would send the call again: throttling, 5xx and transient codes, never a condition or cancellation.</summary>
    public static bool IsRetryable(AmazonDynamoDBException error) =>
        error is not (ConditionalCheckFailedException or TransactionCanceledException)
        && ((int)error.StatusCode >= 500 || error.StatusCode == HttpStatusCode.TooManyRequests || RetryableCodes.Contains(error.ErrorCode));

    private static List<CancellationReason>? Reasons(JsonElement root) =>
        DynamoDbResponseReader.Member(root, "CancellationReasons") is { ValueKind: JsonValueKind.Array } reasons
            ? reasons.EnumerateArray().Select(r => new CancellationReason
            {
                Code = DynamoDbResponseReader.String(r, "Code"),
                Message = DynamoDbResponseReader.String(r, "Message"),
                Item = DynamoDbResponseReader.Item(r, "Item"),
            }).ToList()
            : null;
}
