using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Functions.Tests.Support;

/// <summary>API Gateway HTTP API (payload format 2.0) events as the template's routes deliver them, and their answers.</summary>
internal static class HttpEvents
{
    public static JsonObject Post(string path, JsonNode? body, string? callerArn = FunctionHarness.OfficerArn, IReadOnlyDictionary<string, string>? pathParameters = null) =>
        Event("POST", path, body?.ToJsonString(), callerArn, pathParameters);

    public static JsonObject Get(string path, IReadOnlyDictionary<string, string>? pathParameters = null) =>
        Event("GET", path, null, FunctionHarness.OfficerArn, pathParameters);

    public static JsonObject Event(string method, string path, string? body, string? callerArn, IReadOnlyDictionary<string, string>? pathParameters)
    {
        var parameters = new JsonObject();
        foreach (var (name, value) in pathParameters ?? new Dictionary<string, string>())
        {
            parameters[name] = value;
        }

        var context = new JsonObject { ["http"] = new JsonObject { ["method"] = method, ["path"] = path } };
        if (callerArn is not null)
        {
            context["authorizer"] = new JsonObject { ["iam"] = new JsonObject { ["userArn"] = callerArn } };
        }

        return new JsonObject
        {
            ["version"] = "2.0",
            ["rawPath"] = path,
            ["headers"] = new JsonObject { ["content-type"] = "application/json" },
            ["requestContext"] = context,
            ["pathParameters"] = parameters,
            ["body"] = body,
            ["isBase64Encoded"] = false,
        };
    }

    public static int StatusCode(JsonNode? response) => response!["statusCode"]!.GetValue<int>();

    public static JsonObject Body(JsonNode? response) => JsonNode.Parse(response!["body"]!.GetValue<string>())!.AsObject();

    public static Dictionary<string, string> RequestId(string requestId) => new() { ["requestId"] = requestId };
}
