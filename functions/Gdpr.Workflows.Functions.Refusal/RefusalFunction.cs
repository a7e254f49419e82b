using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.Refusal;

/// <summary>
/// RefusalFunction, <c>POST /requests/{requestId}/refusal</c> <c>{reason: unfounded|excessive, detail}</c>: refuses a
/// manifestly unfounded or excessive request (Art. 12(5)) as the calling principal; the requester is sent the reasons and
/// their right to complain, then the workflow is stopped. Answers the status view, as <c>GET /requests/{requestId}</c>
/// (status Refused); a repeat answers the same and sends nothing again; a request that ended another way is 409.
/// </summary>
public sealed class RefusalFunction(RefusalService refusal, StatusService status) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        HttpApiFunction.RunAsync(payload, async request =>
        {
            var requestId = request.RequestId();
            var body = HttpApiBody.Of(request.JsonBody(), "reason", "detail");
            await refusal.RefuseAsync(requestId, body.RequiredText("reason"), body.RequiredText("detail"), request.Caller, cancellationToken);
            var view = await status.GetAsync(requestId, cancellationToken);
            return HttpApiResponses.Json(200, JsonSerializer.SerializeToNode(view, RefusalJsonContext.Default.RequestStatusView));
        }, cancellationToken);
}
