using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Functions.Hosting.HttpApi;

/// <summary>
/// A request body read strictly: only the fields a route knows (a misspelt field is an error, never silently
/// ignored), each of the type it must have. Messages name the field and never repeat its value. The API functions
/// and the local host's own routes read bodies with it, so both refuse the same bodies with the same words.
/// </summary>
public sealed partial class HttpApiBody
{
    private readonly JsonObject json;
    private readonly string where;

    private HttpApiBody(JsonObject json, string where)
    {
        this.json = json;
        this.where = where;
    }

    /// <summary>The whole body, with the fields it may have.</summary>
    public static HttpApiBody Of(JsonObject json, params string[] allowed) => new HttpApiBody(json, string.Empty).Allow(allowed);

    /// <summary>The object in <paramref name="node"/> (an array item or a nested field), with the fields it may have.</summary>
    public static HttpApiBody Nested(JsonNode? node, string where, params string[] allowed) =>
        node is JsonObject json
            ? new HttpApiBody(json, where + ".").Allow(allowed)
            : throw new InvalidInputException($"'{where}' must be an object with {string.Join(", ", allowed)}.");

    public JsonObject Json => json;

    public string? Text(string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw WrongType(field, "a string"),
    };

    public string RequiredText(string field) => Text(field) ?? throw new InvalidInputException($"'{where}{field}' is required.");

    public bool? Bool(string field) => json[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => throw WrongType(field, "true or false"),
    };

    public int? WholeNumber(string field, int min, int max)
    {
        if (json[field] is null)
        {
            return null;
        }

        if (json[field] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out int number) && number >= min && number <= max)
        {
            return number;
        }

        throw WrongType(field, $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    public JsonArray? Array(string field) => json[field] switch
    {
        null => null,
        JsonArray array => array,
        _ => throw WrongType(field, "an array"),
    };

    private HttpApiBody Allow(string[] allowed)
    {
        foreach (var (name, _) in json)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new InvalidInputException($"'{where}{Printable(name)}' is not a known field; expected {string.Join(", ", allowed)}.");
            }
        }

        return this;
    }

    private InvalidInputException WrongType(string field, string expected) => new($"'{where}{field}' must be {expected}.");

    // A field name is the caller's text: shown only when it is shaped like a field name, so an error cannot carry a
    // payload or personal data (an email address or number sent as a key).
    private static string Printable(string name) => FieldNamePattern().IsMatch(name) ? name : "(a field name that is not a plain word)";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldNamePattern();
}
