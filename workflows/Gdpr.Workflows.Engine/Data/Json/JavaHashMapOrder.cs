namespace Gdpr.Workflows.Engine.Data.Json;

/// <summary>
/// The iteration order of a java.util.HashMap holding the given string keys, inserted in the given order.
/// Step Functions builds resolved <c>.$</c> fields and States.JsonMerge results in such a map, so their
/// keys come out in this order, not in the order of the definition (checked against AWS recordings).
/// </summary>
internal static class JavaHashMapOrder
{
    private const int DefaultCapacity = 16;

    public static IReadOnlyList<string> Order(IReadOnlyList<string> keysInInsertionOrder)
    {
        var capacity = DefaultCapacity;
        while (keysInInsertionOrder.Count > capacity * 3 / 4)
        {
            capacity *= 2;
        }

        // A resize keeps the relative order of keys that share a bucket, so the final table decides.
        return keysInInsertionOrder
            .Select((key, index) => (Key: key, Bucket: Spread(JavaStringHash(key)) & (capacity - 1), Index: index))
            .OrderBy(entry => entry.Bucket)
            .ThenBy(entry => entry.Index)
            .Select(entry => entry.Key)
            .ToList();
    }

    /// <summary>java.lang.String.hashCode over UTF-16 code units.</summary>
    internal static int JavaStringHash(string text)
    {
        var hash = 0;
        foreach (var c in text)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }

    private static int Spread(int hash) => hash ^ (int)((uint)hash >> 16);
}
