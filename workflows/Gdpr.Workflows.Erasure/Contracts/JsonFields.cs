using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Erasure.Contracts;

/// <summary>Field access for the function payloads, failing with <see cref="InvalidInputException"/> that names the field.</summary>
internal static class JsonFields
{
    public static JsonObject Object(JsonNode? node, string what) =>
        node as JsonObject ?? throw new InvalidInputException($"{what} must be a JSON object.");

    public static string? OptionalString(JsonObject json, string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new InvalidInputException($"'{field}' must be a string."),
    };

    public static string RequiredString(JsonObject json, string field) =>
        OptionalString(json, field) is { Length: > 0 } text ? text : throw new InvalidInputException($"'{field}' is required.");

    public static int RequiredInt(JsonObject json, string field) => json[field] switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue => (int)real,
        _ => throw new InvalidInputException($"'{field}' must be a whole number."),
    };
}
