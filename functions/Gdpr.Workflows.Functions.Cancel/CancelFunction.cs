using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.Cancel;

/// <summary>
/// CancelFunction, <c>POST /requests/{requestId}/cancel</c> with an optional body <c>{reason}</c> (a code, default
/// "withdrawn-by-subject"): records the withdrawal as the calling principal, then stops the execution. A repeat answers
/// the same; a request that already ended another way is 409.
/// </summary>
public sealed class CancelFunction(CancelService cancel) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        HttpApiFunction.RunAsync(payload, async request =>
        {
            var reason = HttpApiBody.Of(request.JsonBody(optional: true), "reason").Text("reason");
            var result = await cancel.CancelAsync(request.RequestId(), request.Caller, reason, cancellationToken);
            return HttpApiResponses.Json(200, new JsonObject
            {
                ["requestId"] = result.RequestId,
                ["status"] = result.Status.Name(),
                ["cancelledNow"] = result.CancelledNow,
                ["workflow"] = result.Workflow.ToString(),
            });
        }, cancellationToken);
}
