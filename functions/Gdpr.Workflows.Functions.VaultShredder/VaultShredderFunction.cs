using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.VaultShredder;

/// <summary>
/// VaultShredderFunction: <c>{requestId, executionId}</c> from the workflow, or <c>{requestId, executionId, reason}</c>
/// from the ExecutionEnded rule (ABORTED, TIMED_OUT, FAILED). Shreds the request's vault entry; finding nothing to
/// shred is success. Answers <c>{requestId, outcome}</c>.
/// </summary>
public sealed class VaultShredderFunction(ShredService shredder) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () =>
        {
            var json = JsonPayload.RequireObject(payload);
            var result = await shredder.ShredAsync(
                JsonPayload.RequiredString(json, "requestId"),
                JsonPayload.RequiredString(json, "executionId"),
                JsonPayload.OptionalString(json, "reason"),
                cancellationToken);
            return new JsonObject { ["requestId"] = result.RequestId, ["outcome"] = result.Outcome };
        }, cancellationToken);
}
