using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.Retry;

/// <summary>
/// RetryFunction, <c>POST /requests/{requestId}/retry</c> <c>{system?}</c> (an empty body: the whole request), as
/// <c>gdpr retry</c> (<see cref="RetryService"/>), recorded as the calling principal. Answers the status view, as
/// <c>GET /requests/{requestId}</c>: <b>202</b> when the work goes on in a workflow run this call started (a reopened
/// request, or an open one whose workflow had not started), <b>200</b> when it is done (one sync system erased again
/// now, its answer in <c>systems</c>) or nothing was needed (the workflow is running).
/// </summary>
public sealed class RetryFunction(RetryService retry, StatusService status) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        HttpApiFunction.RunAsync(payload, async request =>
        {
            var requestId = request.RequestId();
            var system = HttpApiBody.Of(request.JsonBody(optional: true), "system").Text("system");
            var result = await retry.RetryAsync(requestId, system, request.Caller, cancellationToken);
            var view = await status.GetAsync(requestId, cancellationToken);
            return HttpApiResponses.Json(result.Continues ? 202 : 200, JsonSerializer.SerializeToNode(view, RetryJsonContext.Default.RequestStatusView));
        }, cancellationToken);
}
