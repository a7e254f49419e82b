using Amazon.DynamoDBv2.Model;

namespace Gdpr.Workflows.Stores.DynamoDb;

/// <summary>Paged Query calls (never Scan): collects up to a number of items across DynamoDB's own 1 MB pages.</summary>
internal static class DynamoDbQueries
{
    /// <summary>
    /// Runs <paramref name="request"/> until <paramref name="want"/> items are in or the key range is exhausted.
    /// Returns the items and whether the range was exhausted (no LastEvaluatedKey left).
    /// </summary>
    public static async Task<(List<Dictionary<string, AttributeValue>> Items, bool Exhausted)> CollectAsync(
        IDynamoDbClient client, QueryRequest request, int want, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        while (true)
        {
            request.Limit = want - items.Count;
            var response = await client.QueryAsync(request, cancellationToken);
            items.AddRange(response.Items ?? []);
            if (Attr.IsEmpty(response.LastEvaluatedKey))
            {
                return (items, true);
            }

            if (items.Count >= want)
            {
                return (items, false);
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
    }
}
