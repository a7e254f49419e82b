using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Functions.Hosting;

/// <summary>
/// Field access for events, failing with <see cref="InvalidInputException"/> ("Erasure.InvalidInput") that names the
/// field but never quotes its value, which could be personal data.
/// </summary>
public static class JsonPayload
{
    public static JsonObject RequireObject(JsonNode? node, string what = "The payload") =>
        node as JsonObject ?? throw new InvalidInputException($"{what} must be a JSON object.");

    public static string RequiredString(JsonObject json, string field) =>
        OptionalString(json, field) is { Length: > 0 } text ? text : throw new InvalidInputException($"'{field}' is required.");

    public static string? OptionalString(JsonObject json, string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new InvalidInputException($"'{field}' must be a string."),
    };

    public static bool? OptionalBool(JsonObject json, string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw new InvalidInputException($"'{field}' must be true or false."),
    };

    public static int? OptionalInt(JsonObject json, string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue => (int)real,
        _ => throw new InvalidInputException($"'{field}' must be a whole number."),
    };

    public static JsonArray RequiredArray(JsonObject json, string field) =>
        json[field] as JsonArray ?? throw new InvalidInputException($"'{field}' must be an array.");
}
