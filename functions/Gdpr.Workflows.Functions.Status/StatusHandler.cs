using System.Text.Json;
using Gdpr.Workflows.Functions.Status.HttpApi;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Status;

/// <summary>
/// <c>GET /requests/{requestId}</c>. No request store is wired in yet, so every well-formed request id is answered
/// 404 <c>{"error":"not found","requestId":…}</c>; a missing or blank id is 400.
/// </summary>
internal static class StatusHandler
{
    public const string RequestIdParameter = "requestId";

    public static Task<HttpApiResponse> HandleAsync(HttpApiRequest request, LambdaContext context, CancellationToken cancellationToken)
    {
        if (request.PathParameters?.GetValueOrDefault(RequestIdParameter) is not { } requestId || string.IsNullOrWhiteSpace(requestId))
        {
            return Task.FromResult(Error(400, new StatusError("missing requestId", null)));
        }

        return Task.FromResult(Error(404, new StatusError("not found", requestId)));
    }

    private static HttpApiResponse Error(int statusCode, StatusError error) =>
        HttpApiResponse.Json(statusCode, JsonSerializer.Serialize(error, StatusJsonContext.Default.StatusError));
}
