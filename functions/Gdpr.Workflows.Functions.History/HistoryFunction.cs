using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.History;

/// <summary>
/// HistoryFunction, <c>GET /requests/{requestId}/history</c>: the audit trail in sequence and whether its hash chain is
/// intact. Audit events hold ids, codes and hashes only. 404 when the request has no trail.
/// </summary>
public sealed class HistoryFunction(HistoryService history) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        HttpApiFunction.RunAsync(payload, async request =>
        {
            var trail = await history.GetAsync(request.RequestId(), cancellationToken);
            return HttpApiResponses.Json(200, JsonSerializer.SerializeToNode(trail, HistoryJsonContext.Default.RequestHistory));
        }, cancellationToken);
}
