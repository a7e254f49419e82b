using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>How the API answers: JSON bodies, and every failure as <c>{"error": {"code", "message", "hint"}}</c>.</summary>
internal static class ApiResponses
{
    /// <summary>Where the log finds the request id a call was about (<see cref="RequestLogMiddleware"/>).</summary>
    public const string RequestIdItem = "gdpr.requestId";

    public static (int Status, JsonNode Body) Failure(Exception failure)
    {
        if (failure is ApiException api)
        {
            return (api.Status, Error(api.Code, api.Message, null));
        }

        var (code, message, hint) = CommandRunner.Describe(failure);
        var status = code switch
        {
            ExitCodes.BadInput => 400,
            ExitCodes.NotFound => 404,
            ExitCodes.Conflict => 409,
            _ => 500,
        };
        return (status, Error(status switch { 400 => "bad_input", 404 => "not_found", 409 => "conflict", _ => "internal" }, message, hint));
    }

    public static JsonObject Error(string code, string message, string? hint) => new()
    {
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["hint"] = hint },
    };

    public static async Task WriteAsync(HttpContext context, int status, JsonNode? body, IReadOnlyList<(string Name, string Value)>? headers = null)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        try
        {
            response.StatusCode = status;
            response.ContentType = "application/json; charset=utf-8";
            foreach (var (name, value) in headers ?? [])
            {
                response.Headers.Append(name, value);
            }

            var bytes = Encoding.UTF8.GetBytes((body?.ToJsonString(CliJson.Options) ?? "null") + "\n");
            response.ContentLength = bytes.Length;
            await response.Body.WriteAsync(bytes);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away; nothing to tell it.
        }
    }
}
