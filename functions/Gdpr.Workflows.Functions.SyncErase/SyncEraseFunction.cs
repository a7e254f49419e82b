using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.SyncErase;

/// <summary>
/// SyncEraseFunction: <c>{requestId, executionId, system}</c> → <c>{outcome: "erased" | "not_held" | "retained" | "beyond_use", receipt}</c>.
/// The subject's identifiers are read from the vault by the service; only the system's reference comes back. With
/// <c>answer: {outcome, receipt}</c> (an async system's callback) it erases nothing: it holds that answer to the system's
/// retention rules as it holds its own connectors' answers, and returns it.
/// </summary>
public sealed class SyncEraseFunction(SyncEraseService erase) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () =>
        {
            var json = JsonPayload.RequireObject(payload);
            if (json["answer"] is { } given)
            {
                return erase.CheckAnswer(
                    JsonPayload.RequiredString(json, "requestId"),
                    JsonPayload.RequiredString(json, "executionId"),
                    JsonPayload.RequiredString(json, "system"),
                    ErasureAnswer.FromJson(given)).ToJson();
            }

            var answer = await erase.EraseAsync(
                JsonPayload.RequiredString(json, "requestId"),
                JsonPayload.RequiredString(json, "executionId"),
                JsonPayload.RequiredString(json, "system"),
                cancellationToken);
            return answer.ToJson();
        }, cancellationToken);
}
