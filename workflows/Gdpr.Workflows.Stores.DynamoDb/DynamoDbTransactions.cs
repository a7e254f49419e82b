using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>TransactWriteItems with the one retry the SDK leaves to the caller.</summary>
internal static class DynamoDbTransactions
{
    private const int InProgressAttempts = 5;

    /// <summary>
    /// Sends the transaction. While an earlier call with the same ClientRequestToken is still running
    /// (TransactionInProgressException), waits and sends it again: the token makes that safe, and the
    /// answer then is the earlier call's outcome.
    /// </summary>
    public static async Task WriteAsync(IAmazonDynamoDB client, TransactWriteItemsRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.TransactWriteItemsAsync(request, cancellationToken);
                return;
            }
            catch (TransactionInProgressException) when (attempt < InProgressAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken);
            }
        }
    }
}
