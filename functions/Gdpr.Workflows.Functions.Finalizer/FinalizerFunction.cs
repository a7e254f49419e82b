using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.Finalizer;

/// <summary>
/// FinalizerFunction: <c>{requestId, executionId, outcomes: [{system, result, ...}]}</c> → <c>{status, counts}</c>.
/// The first stored status wins, so a repeat answers what was stored.
/// </summary>
public sealed class FinalizerFunction(FinalizerService finalizer) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () =>
        {
            var json = JsonPayload.RequireObject(payload);
            var result = await finalizer.FinalizeAsync(
                JsonPayload.RequiredString(json, "requestId"),
                JsonPayload.RequiredString(json, "executionId"),
                SystemSummary.ParseAll(json["outcomes"]),
                cancellationToken);
            return result.ToJson();
        }, cancellationToken);
}
