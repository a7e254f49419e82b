using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.WebConsole.Backends;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// The console's actions against a deployed stack: each is a call to the stack's HTTP API (<paramref name="http"/>
/// signs it with SigV4, service execute-api, with the officer's AWS credentials: the API's IAM authorizer records the
/// caller as the actor). A route the stack lacks (API Gateway's 404 without the API's error body: an older stack)
/// is said so, and nothing is changed.
/// </summary>
public sealed class AwsConsoleActions(HttpClient http, Uri apiUrl) : IConsoleActions
{
    public async Task<ConsoleActionResult> RunAsync(ConsoleAction action, CancellationToken cancellationToken)
    {
        var (route, body) = Call(action);
        var path = $"requests/{Uri.EscapeDataString(action.RequestId)}/{route}";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(apiUrl, path))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString())) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ConsoleActionResult(false, $"The stack's API at {apiUrl} did not answer ({e.Message}); nothing was changed. Check --api-url and try again.");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return Result(action, (int)response.StatusCode, $"POST /requests/{{requestId}}/{route}", text);
        }
    }

    /// <summary>The route under <c>/requests/{id}/</c> and the JSON body of an action (docs/openapi.json).</summary>
    public static (string Route, JsonObject Body) Call(ConsoleAction action) => action.Name switch
    {
        "verify" => ("verification", new JsonObject { ["verified"] = true, ["method"] = action.Field("method") }),
        "reject" => ("verification", new JsonObject { ["verified"] = false, ["reason"] = action.Field("reason") }),
        "extend" => ("extension", Extension(action)),
        "pause" => ("pause", new JsonObject { ["reason"] = action.Field("reason") is { Length: > 0 } reason ? reason : "clarification" }),
        "resume" => ("resume", []),
        "cancel" => ("cancel", new JsonObject { ["reason"] = action.Field("reason") }),
        "retry" => ("retry", action.Field("system") is { Length: > 0 } system ? new JsonObject { ["system"] = system } : []),
        "refuse" => ("refusal", new JsonObject { ["reason"] = action.Field("reason"), ["detail"] = action.Field("detail") }),
        _ => throw new ArgumentException($"There is no action '{action.Name}'.", nameof(action)),
    };

    /// <summary>The officer's message for the API's answer.</summary>
    public static ConsoleActionResult Result(ConsoleAction action, int status, string routeKey, string body)
    {
        var json = Parse(body);
        if (status is >= 200 and < 300)
        {
            var state = json?["status"] is JsonValue value && value.TryGetValue(out string? s) ? $": the request is now {s}" : string.Empty;
            return new ConsoleActionResult(true, $"Done through the stack's API ({action.Name}){state}.");
        }

        if (json?["error"] is JsonObject error)
        {
            var message = error["message"] is JsonValue m && m.TryGetValue(out string? text) ? text : $"HTTP {status}";
            return new ConsoleActionResult(false, $"The stack refused ({status}): {message}");
        }

        return status switch
        {
            (int)HttpStatusCode.NotFound => new ConsoleActionResult(false,
                $"The deployed stack has no route {routeKey} (it answered 404 without the API's error body): it is older than this console. Nothing was changed; redeploy the stack to get this action."),
            (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.Unauthorized => new ConsoleActionResult(false,
                $"The stack's API refused your AWS credentials ({status}): the IAM identity needs execute-api:Invoke on {routeKey}. Nothing was changed."),
            _ => new ConsoleActionResult(false, $"The stack's API answered {status}; nothing is known to have changed. Reload the page to see the request as it is."),
        };
    }

    private static JsonObject Extension(ConsoleAction action)
    {
        var body = new JsonObject { ["months"] = int.TryParse(action.Field("months"), out var months) ? months : 0, ["reason"] = action.Field("reason") };
        if (action.Field("detail") is { Length: > 0 } detail)
        {
            body["detail"] = detail;
        }

        return body;
    }

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
