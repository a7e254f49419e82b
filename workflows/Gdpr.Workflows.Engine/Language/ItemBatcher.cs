using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Execution;

namespace Gdpr.Workflows.Engine.Language;

/// <summary>A Map's ItemBatcher: groups the items into batches of at most so many items and so many bytes.</summary>
public sealed class ItemBatcher
{
    /// <summary>AWS's default (and largest) batch: the 256 KiB payload limit.</summary>
    public const int DefaultMaxInputBytes = 256 * 1024;

    /// <summary>At most this many items a batch; null for no limit. A path that does not resolve to a number means no limit.</summary>
    public ValueOrPath<int>? MaxItemsPerBatch { get; init; }

    public int MaxInputBytesPerBatch { get; init; } = DefaultMaxInputBytes;

    /// <summary>A payload template added to every batch as <c>BatchInput</c>.</summary>
    public JsonNode? BatchInput { get; init; }

    /// <summary>Reads the ItemBatcher object of a definition as AWS's runtime does: unknown or malformed limits are ignored.</summary>
    internal static ItemBatcher? Parse(JsonNode? node)
    {
        if (node is not JsonObject batcher)
        {
            return null;
        }

        ValueOrPath<int>? maxItems = batcher[nameof(MaxItemsPerBatch)] is JsonValue mv && mv.TryGetValue(out int m) ? ValueOrPath<int>.Of(m)
            : batcher["MaxItemsPerBatchPath"] is JsonValue mp && mp.TryGetValue(out string? path)
                ? ValueOrPath<int>.At(path, selected => (true, selected is JsonValue v && v.TryGetValue(out int i) ? i : int.MaxValue), _ => string.Empty)
                : null;
        return new ItemBatcher
        {
            MaxItemsPerBatch = maxItems,
            MaxInputBytesPerBatch = batcher[nameof(MaxInputBytesPerBatch)] is JsonValue bv && bv.TryGetValue(out int b) ? b : DefaultMaxInputBytes,
            BatchInput = batcher[nameof(BatchInput)]?.DeepClone(),
        };
    }

    /// <summary>The items in batches, each <c>{"Items": [...], "BatchInput": ...}</c>, in order.</summary>
    internal JsonArray Batch(JsonArray items, PathContext paths)
    {
        var maxItems = MaxItemsPerBatch?.Evaluate(paths) ?? int.MaxValue;
        var batchInput = BatchInput is null ? null : PayloadTemplate.Evaluate(BatchInput, paths, "BatchInput");
        var batches = new JsonArray();
        JsonArray? current = null;
        var currentBytes = 0;
        foreach (var item in items)
        {
            var size = Json.Utf8Length(item);
            if (current is null || current.Count >= maxItems || currentBytes + size > MaxInputBytesPerBatch)
            {
                current = [];
                currentBytes = 0;
                var batch = new JsonObject { ["Items"] = current };
                if (batchInput is not null)
                {
                    batch[nameof(BatchInput)] = batchInput.DeepClone();
                }

                batches.Add(batch);
            }

            current.Add(item?.DeepClone());
            currentBytes += size;
        }

        return batches;
    }
}
