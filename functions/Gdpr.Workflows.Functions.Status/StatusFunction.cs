using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.Status;

/// <summary>
/// StatusFunction, <c>GET /requests/{requestId}</c>: status, deadline, verification and per-system outcomes (ids, codes
/// and dates only: never an identifier, subject hash or task token). 404 for an unknown request.
/// </summary>
public sealed class StatusFunction(StatusService status) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        HttpApiFunction.RunAsync(payload, async request =>
        {
            var view = await status.GetAsync(request.RequestId(), cancellationToken);
            return HttpApiResponses.Json(200, JsonSerializer.SerializeToNode(view, StatusJsonContext.Default.RequestStatusView));
        }, cancellationToken);
}
