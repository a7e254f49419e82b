using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data.Json;

namespace Gdpr.Workflows.Engine.Data.Intrinsics;

/// <summary>The States.Array* functions.</summary>
internal static class ArrayFunctions
{
    private const int MaxRangeItems = 1000;

    public static JsonNode? Array(IntrinsicInvocation invocation) =>
        new JsonArray(invocation.Arguments.Select(JsonValues.Copy).ToArray());

    /// <summary>Chunks of the given size; the last one may be shorter.</summary>
    public static JsonNode? ArrayPartition(IntrinsicInvocation invocation)
    {
        var array = invocation.Array(0);
        var size = invocation.Integer(1);
        if (size <= 0)
        {
            throw invocation.Failure(string.Create(CultureInfo.InvariantCulture, $"The chunk size must be a positive integer, but was {size}"));
        }

        var chunks = new JsonArray();
        for (var start = 0; start < array.Count; start += size)
        {
            var chunk = new JsonArray();
            for (var i = start; i < Math.Min(start + size, array.Count); i++)
            {
                chunk.Add(JsonValues.Copy(array[i]));
            }

            chunks.Add(chunk);
        }

        return chunks;
    }

    public static JsonNode? ArrayContains(IntrinsicInvocation invocation)
    {
        var array = invocation.Array(0);
        var wanted = invocation[1];
        return JsonValue.Create(array.Any(item => JsonEquality.AreEqual(item, wanted)));
    }

    /// <summary>start, start+step, ... up to and including end; at most 1000 items.</summary>
    public static JsonNode? ArrayRange(IntrinsicInvocation invocation)
    {
        long start = invocation.Integer(0);
        long end = invocation.Integer(1);
        long step = invocation.Integer(2);
        if (step == 0)
        {
            throw invocation.Failure("The step (third argument) must not be zero");
        }

        var runsBackwards = (step > 0 && start > end) || (step < 0 && start < end);
        var count = runsBackwards ? 0 : ((end - start) / step) + 1;
        if (count > MaxRangeItems)
        {
            throw invocation.Failure(string.Create(
                CultureInfo.InvariantCulture,
                $"The range would hold {count} items; at most {MaxRangeItems} are allowed"));
        }

        var range = new JsonArray();
        for (var i = 0L; i < count; i++)
        {
            range.Add(JsonValue.Create(start + (i * step)));
        }

        return range;
    }

    public static JsonNode? ArrayGetItem(IntrinsicInvocation invocation)
    {
        var array = invocation.Array(0);
        var index = invocation.Integer(1);
        if (index < 0 || index >= array.Count)
        {
            throw invocation.Failure(string.Create(CultureInfo.InvariantCulture, $"Index {index} out of bounds for length {array.Count}"));
        }

        return JsonValues.Copy(array[index]);
    }

    public static JsonNode? ArrayLength(IntrinsicInvocation invocation) => JsonValue.Create(invocation.Array(0).Count);

    /// <summary>The distinct values, each at its first position.</summary>
    public static JsonNode? ArrayUnique(IntrinsicInvocation invocation)
    {
        var unique = new List<JsonNode?>();
        foreach (var item in invocation.Array(0))
        {
            if (!unique.Any(kept => JsonEquality.AreEqual(kept, item)))
            {
                unique.Add(item);
            }
        }

        return new JsonArray(unique.Select(JsonValues.Copy).ToArray());
    }
}
