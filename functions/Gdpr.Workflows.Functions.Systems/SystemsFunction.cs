using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.Systems;

/// <summary>
/// SystemsFunction: <c>{requestId, executionId}</c> → <c>{systems: [{system, mode, heartbeatSeconds, timeoutSeconds}]}</c>,
/// nothing more per item, so the Map state's items stay small.
/// </summary>
public sealed class SystemsFunction(SystemsService systems) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () =>
        {
            var json = JsonPayload.RequireObject(payload);
            var plan = await systems.ListAsync(JsonPayload.RequiredString(json, "requestId"), JsonPayload.RequiredString(json, "executionId"), cancellationToken);
            return plan.ToJson();
        }, cancellationToken);
}
