using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>
/// One call's JSON body with typed, checked access to its members: a member of the wrong JSON type is a
/// SerializationException, a missing required one or one out of its bounds a ValidationException, as AWS answers.
/// </summary>
public sealed class ApiRequest
{
    private readonly JsonObject body;

    private ApiRequest(string operation, JsonObject body)
    {
        Operation = operation;
        this.body = body;
    }

    public string Operation { get; }

    public static ApiRequest Parse(string operation, ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return new ApiRequest(operation, []);
        }

        try
        {
            return JsonNode.Parse(utf8) is JsonObject o
                ? new ApiRequest(operation, o)
                : throw new ApiErrorException("SerializationException", "The request body must be a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new ApiErrorException("SerializationException", $"The request body is not valid JSON: {ex.Message}");
        }
    }

    public string RequiredString(string name, int maxLength = int.MaxValue) =>
        OptionalString(name, maxLength) is { } value
            ? value
            : throw ApiErrorException.Validation($"1 validation error detected: Value null at '{name}' failed to satisfy constraint: Member must not be null");

    public string? OptionalString(string name, int maxLength = int.MaxValue)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw new ApiErrorException("SerializationException", $"Member '{name}' must be a string.");
        }

        var text = value.GetValue<string>();
        if (text.Length > maxLength)
        {
            throw ApiErrorException.Constraint(name, $"Member must have length less than or equal to {maxLength}");
        }

        return text;
    }

    /// <summary>An integer member; AWS treats maxResults 0 as "the default".</summary>
    public int? OptionalInt(string name, int min, int max)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue(out int number))
        {
            throw new ApiErrorException("SerializationException", $"Member '{name}' must be an integer.");
        }

        return number < min || number > max
            ? throw ApiErrorException.Constraint(name, $"Member must have value between {min} and {max}")
            : number;
    }

    public bool? OptionalBool(string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValue<bool>()
            : throw new ApiErrorException("SerializationException", $"Member '{name}' must be a boolean.");
    }

    public JsonArray? OptionalArray(string name) => body[name] switch
    {
        null => null,
        JsonArray array => array,
        _ => throw new ApiErrorException("SerializationException", $"Member '{name}' must be a list."),
    };

    public JsonObject? OptionalObject(string name) => body[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw new ApiErrorException("SerializationException", $"Member '{name}' must be a structure."),
    };

    /// <summary>An enum member, checked against its values.</summary>
    public string? OptionalEnum(string name, params string[] values)
    {
        var value = OptionalString(name);
        return value is null || values.Contains(value, StringComparer.Ordinal)
            ? value
            : throw ApiErrorException.Constraint(name, $"Member must satisfy enum value set: [{string.Join(", ", values)}]");
    }
}
