using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// Merges a Globals section into a resource's Properties as the SAM transform does: the resource's scalar wins,
/// mappings merge key by key (recursively, the resource winning), lists concatenate (globals first).
/// An intrinsic function (<c>{"Ref": ...}</c>, <c>{"Fn::...": ...}</c>) counts as a scalar, not a mapping.
/// </summary>
internal static class GlobalsMerger
{
    public static JsonObject Merge(JsonObject? globals, JsonObject properties, SourceLines lines)
    {
        var merged = globals is null ? [] : (JsonObject)lines.Clone(globals)!;
        foreach (var (key, value) in properties)
        {
            merged[key] = merged.TryGetPropertyValue(key, out var global)
                ? MergeValue(global, value, lines)
                : lines.Clone(value);
        }

        return merged;
    }

    private static JsonNode? MergeValue(JsonNode? global, JsonNode? local, SourceLines lines) => (global, local) switch
    {
        (JsonObject globalMap, JsonObject localMap) when !IsIntrinsic(globalMap) && !IsIntrinsic(localMap) => Merge(globalMap, localMap, lines),
        (JsonArray globalList, JsonArray localList) => new JsonArray(globalList.Concat(localList).Select(lines.Clone).ToArray()),
        _ => lines.Clone(local),
    };

    private static bool IsIntrinsic(JsonObject map) =>
        map.Count == 1 && map.First().Key is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal));
}
