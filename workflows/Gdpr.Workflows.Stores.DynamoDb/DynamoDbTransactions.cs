using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>How a TransactWriteItems call ended, when it did not throw.</summary>
internal enum TransactionOutcome
{
    /// <summary>This call applied the writes.</summary>
    Applied,

    /// <summary>
    /// An earlier call with the same ClientRequestToken applied them (DynamoDB answers such a replay with read,
    /// not write, capacity): nothing was written now.
    /// </summary>
    Replayed,
}

/// <summary>TransactWriteItems with the retries the SDK leaves to the caller, and replay detection.</summary>
internal static class DynamoDbTransactions
{
    private const int Attempts = 8;

    /// <summary>
    /// Sends the transaction. While an earlier call with the same token is still running
    /// (TransactionInProgressException), or another transaction touched the same items at the same moment
    /// (a TransactionConflict cancellation), waits and sends it again: the conditions and the token make a
    /// resend safe.
    /// </summary>
    public static async Task<TransactionOutcome> WriteAsync(IDynamoDbClient client, TransactWriteItemsRequest request, CancellationToken cancellationToken)
    {
        request.ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await client.TransactWriteItemsAsync(request, cancellationToken);
                return IsReplay(response) ? TransactionOutcome.Replayed : TransactionOutcome.Applied;
            }
            catch (TransactionInProgressException) when (attempt < Attempts)
            {
                await Backoff(attempt, cancellationToken);
            }
            catch (TransactionCanceledException cancelled) when (attempt < Attempts && IsOnlyConflict(cancelled))
            {
                await Backoff(attempt, cancellationToken);
            }
        }
    }

    public static string? Code(TransactionCanceledException cancelled, int index) =>
        cancelled.CancellationReasons is { } reasons && index >= 0 && index < reasons.Count ? reasons[index].Code : null;

    public static Dictionary<string, AttributeValue>? OldItem(TransactionCanceledException cancelled, int index) =>
        cancelled.CancellationReasons is { } reasons && index >= 0 && index < reasons.Count && reasons[index].Item is { Count: > 0 } item ? item : null;

    private static bool IsReplay(TransactWriteItemsResponse response) =>
        response.ConsumedCapacity is { Count: > 0 } capacity
        && capacity.All(c => (c.WriteCapacityUnits ?? 0) == 0)
        && capacity.Any(c => (c.ReadCapacityUnits ?? 0) > 0);

    private static bool IsOnlyConflict(TransactionCanceledException cancelled) =>
        cancelled.CancellationReasons is { Count: > 0 } reasons
        && reasons.Any(r => r.Code == "TransactionConflict")
        && reasons.All(r => r.Code is "TransactionConflict" or "None" or null);

    private static Task Backoff(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds((20 << Math.Min(attempt, 6)) + Random.Shared.Next(20)), cancellationToken);
}
