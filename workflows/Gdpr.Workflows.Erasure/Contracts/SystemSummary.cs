using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Erasure.Contracts;

/// <summary>
/// One Map iteration's summary, as the Finalizer receives it: <c>{system, result: "erased" | "failed" | "no_response",
/// erasure?, recipients?, error?}</c>.
/// </summary>
public sealed record SystemSummary(string System, string Result, string? Erasure = null, string? Recipients = null, string? Error = null)
{
    public const string ResultErased = "erased";
    public const string ResultFailed = "failed";
    public const string ResultNoResponse = "no_response";

    /// <summary>Reads the Finalizer's <c>outcomes</c> array.</summary>
    /// <exception cref="InvalidInputException">Not an array of summaries.</exception>
    public static IReadOnlyList<SystemSummary> ParseAll(JsonNode? outcomes)
    {
        if (outcomes is not JsonArray array)
        {
            throw new InvalidInputException("'outcomes' must be an array of per-system summaries.");
        }

        return array.Select(item =>
        {
            var json = JsonFields.Object(item, "Each outcome");
            return new SystemSummary(
                JsonFields.RequiredString(json, "system"),
                JsonFields.RequiredString(json, "result"),
                JsonFields.OptionalString(json, "erasure"),
                JsonFields.OptionalString(json, "recipients"),
                json["error"] is null ? null : JsonFields.OptionalString(json, "error"));
        }).ToList();
    }
}
