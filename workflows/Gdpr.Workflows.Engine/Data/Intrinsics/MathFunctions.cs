using System.Globalization;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data.Intrinsics;

/// <summary>States.MathRandom and States.MathAdd. Non-integer arguments are rounded to the closest integer (halves up).</summary>
internal static class MathFunctions
{
    /// <summary>A random integer from start (inclusive) to end (exclusive); a seed argument makes it repeatable.</summary>
    public static JsonNode? MathRandom(IntrinsicInvocation invocation)
    {
        var start = invocation.RoundedInteger(0);
        var end = invocation.RoundedInteger(1);
        if (end <= start)
        {
            throw invocation.Failure(string.Create(
                CultureInfo.InvariantCulture,
                $"The end number ({end}) must be greater than the start number ({start})"));
        }

        var random = invocation.Count == 3 ? new Random(invocation.RoundedInteger(2)) : invocation.Random;
        return JsonValue.Create(random.NextInt64(start, end));
    }

    public static JsonNode? MathAdd(IntrinsicInvocation invocation) =>
        JsonValue.Create((long)invocation.RoundedInteger(0) + invocation.RoundedInteger(1));
}
