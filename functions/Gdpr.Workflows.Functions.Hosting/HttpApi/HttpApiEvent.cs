using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Functions.Hosting.HttpApi;

/// <summary>
/// Builds the API Gateway HTTP API event (payload format 2.0) a route's function receives: what the local host sends
/// the same function classes, so a route answers the same locally and deployed.
/// </summary>
public static class HttpApiEvent
{
    /// <param name="routeKey">The template's route, e.g. <c>POST /requests/{requestId}/cancel</c>.</param>
    /// <param name="callerArn">The IAM principal the caller is (the audit actor, see <see cref="CallerIdentity"/>); null for none.</param>
    /// <param name="queryParameters">The query string as API Gateway passes it (<c>queryStringParameters</c>); none when null.</param>
    public static JsonObject Create(
        string routeKey,
        string rawPath,
        IReadOnlyDictionary<string, string> pathParameters,
        IReadOnlyDictionary<string, string> headers,
        string? body,
        string? callerArn,
        IReadOnlyDictionary<string, string>? queryParameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(routeKey);
        var method = routeKey.Split(' ', 2)[0];
        var context = new JsonObject { ["http"] = new JsonObject { ["method"] = method, ["path"] = rawPath } };
        if (callerArn is not null)
        {
            context["authorizer"] = new JsonObject { ["iam"] = new JsonObject { ["userArn"] = callerArn } };
        }

        var parameters = new JsonObject();
        foreach (var (name, value) in pathParameters)
        {
            parameters[name] = value;
        }

        var headerObject = new JsonObject();
        foreach (var (name, value) in headers)
        {
            headerObject[name.ToLowerInvariant()] = value;
        }

        var json = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = routeKey,
            ["rawPath"] = rawPath,
            ["headers"] = headerObject,
            ["requestContext"] = context,
            ["pathParameters"] = parameters,
            ["body"] = body,
            ["isBase64Encoded"] = false,
        };
        if (queryParameters is { Count: > 0 })
        {
            var query = new JsonObject();
            foreach (var (name, value) in queryParameters)
            {
                query[name] = value;
            }

            json["queryStringParameters"] = query;
        }

        return json;
    }
}
