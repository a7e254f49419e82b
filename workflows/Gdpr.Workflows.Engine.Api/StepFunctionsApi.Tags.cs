using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>TagResource, UntagResource, ListTagsForResource, on state machines.</summary>
public sealed partial class StepFunctionsApi
{
    private const int MaxTags = 50;

    private JsonObject TagResource(ApiRequest request)
    {
        var arn = TaggableArn(request);
        var tags = ReadTags(request.OptionalArray("tags") ?? throw ApiErrorException.Validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null"));
        if (!resources.Tag(arn, tags, MaxTags))
        {
            throw new ApiErrorException("TooManyTags", $"Too many tags: a resource has at most {MaxTags}.");
        }

        return [];
    }

    private JsonObject UntagResource(ApiRequest request)
    {
        var arn = TaggableArn(request);
        var keys = request.OptionalArray("tagKeys") ?? throw ApiErrorException.Validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
        resources.Untag(arn, keys.Select(k => k is JsonValue v && v.TryGetValue(out string? key) ? key : throw new ApiErrorException("SerializationException", "Member 'tagKeys' must be a list of strings.")));
        return [];
    }

    private JsonObject ListTagsForResource(ApiRequest request)
    {
        var arn = TaggableArn(request);
        return new JsonObject
        {
            ["tags"] = new JsonArray([.. resources.Tags(arn).Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]),
        };
    }

    private string TaggableArn(ApiRequest request)
    {
        var arn = request.RequiredString("resourceArn");
        CheckArn(arn, "stateMachine");
        return Active(arn) is null ? throw new ApiErrorException("ResourceNotFound", $"Resource not found: '{arn}'") : arn;
    }

    private static List<KeyValuePair<string, string>> ReadTags(JsonArray? tags) =>
        [.. (tags ?? []).Select(t =>
        {
            if (t is not JsonObject tag || tag["key"] is not JsonValue k || !k.TryGetValue(out string? key))
            {
                throw new ApiErrorException("SerializationException", "Each tag is an object with a string 'key' and an optional string 'value'.");
            }

            var value = tag["value"] is JsonValue v && v.TryGetValue(out string? text) ? text : string.Empty;
            if (key.Length is 0 or > 128 || value.Length > 256)
            {
                throw ApiErrorException.Constraint("tags", "Member must have a key of 1 to 128 characters and a value of at most 256");
            }

            return new KeyValuePair<string, string>(key, value);
        })];
}
