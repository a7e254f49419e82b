using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gdpr.Workflows.Engine.Api;

/// <summary>
/// The Step Functions API as an endpoint: <c>POST /</c> with <c>X-Amz-Target: AWSStepFunctions.&lt;Operation&gt;</c> and an
/// <c>application/x-amz-json-1.0</c> body (AWS JSON 1.0), answered in the same protocol; errors as
/// <c>{"__type": code, "message": ...}</c> with status 400 (500 for a defect). Mount it beside other routes.
/// </summary>
public static class StepFunctionsApiEndpoints
{
    public const string TargetPrefix = "AWSStepFunctions.";
    public const string ContentType = "application/x-amz-json-1.0";

    /// <summary>Definitions are up to 1 MiB, JSON-escaped in the body: room for twice that.</summary>
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <param name="verifier">When set, every call must carry a SigV4 signature by one of its keys; otherwise any (or none) is accepted.</param>
    public static IEndpointConventionBuilder MapStepFunctionsApi(this IEndpointRouteBuilder endpoints, StepFunctionsApi api, SigV4Verifier? verifier = null) =>
        endpoints.MapPost("/", context => HandleAsync(context, api, verifier));

    public static async Task HandleAsync(HttpContext context, StepFunctionsApi api, SigV4Verifier? verifier)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        try
        {
            var target = context.Request.Headers["X-Amz-Target"].ToString();
            if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal))
            {
                throw new ApiErrorException("UnknownOperationException", "X-Amz-Target must name an operation of AWSStepFunctions (AWSStepFunctions.<Operation>).");
            }

            var body = await ReadBodyAsync(context.Request, context.RequestAborted);
            verifier?.Verify(context.Request, body);
            var answer = await api.InvokeAsync(ApiRequest.Parse(target[TargetPrefix.Length..], body), context.RequestAborted);
            await WriteAsync(context.Response, StatusCodes.Status200OK, answer.ToJsonString());
        }
        catch (ApiErrorException error)
        {
            await WriteAsync(context.Response, error.Status, new System.Text.Json.Nodes.JsonObject { ["__type"] = error.Code, ["message"] = error.Message }.ToJsonString());
        }
        catch (Exception defect) when (defect is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            await WriteAsync(context.Response, StatusCodes.Status500InternalServerError, new System.Text.Json.Nodes.JsonObject { ["__type"] = "InternalFailure", ["message"] = $"{defect.GetType().Name}: {defect.Message}" }.ToJsonString());
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new ApiErrorException("ValidationException", $"The request body exceeds {MaxBodyBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static Task WriteAsync(HttpResponse response, int status, string json)
    {
        response.StatusCode = status;
        response.ContentType = ContentType;
        var bytes = Encoding.UTF8.GetBytes(json);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes).AsTask();
    }
}
