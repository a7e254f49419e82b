using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Data.Json;

/// <summary>
/// Value equality as Jackson's JsonNode.equals sees it (what States.ArrayContains and States.ArrayUnique
/// use): objects compare by key set regardless of order, arrays element by element, and an integer never
/// equals a double (1 != 1.0).
/// </summary>
internal static class JsonEquality
{
    public static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        var kind = JsonValues.KindOf(left);
        if (kind != JsonValues.KindOf(right))
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Object:
                var leftObject = left!.AsObject();
                var rightObject = right!.AsObject();
                if (leftObject.Count != rightObject.Count)
                {
                    return false;
                }

                foreach (var (key, value) in leftObject)
                {
                    if (!rightObject.TryGetPropertyValue(key, out var other) || !AreEqual(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                var leftArray = left!.AsArray();
                var rightArray = right!.AsArray();
                if (leftArray.Count != rightArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < leftArray.Count; i++)
                {
                    if (!AreEqual(leftArray[i], rightArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.String:
                return JsonValues.ReadString(left!.AsValue()) == JsonValues.ReadString(right!.AsValue());
            case JsonValueKind.Number:
                JsonNumber.TryRead(left, out var a);
                JsonNumber.TryRead(right, out var b);
                return a == b;
            default:
                return true;
        }
    }
}
