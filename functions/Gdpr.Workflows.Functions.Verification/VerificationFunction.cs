using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.Verification;

/// <summary>
/// VerificationFunction (<c>.waitForTaskToken</c>): <c>{requestId, executionId, taskToken}</c>. Stores the token under
/// (requestId, "identity-verification") and asks the officers; the workflow waits until the verification route
/// answers. The answer here is discarded by the definition, and never holds the token.
/// </summary>
public sealed class VerificationFunction(VerificationService verification) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () =>
        {
            var json = JsonPayload.RequireObject(payload);
            var decision = await verification.AwaitVerificationAsync(
                JsonPayload.RequiredString(json, "requestId"),
                JsonPayload.RequiredString(json, "executionId"),
                JsonPayload.RequiredString(json, "taskToken"),
                cancellationToken);
            return new JsonObject
            {
                ["requestId"] = decision.RequestId,
                ["status"] = decision.Status.Name(),
                ["verification"] = decision.Verification.ToString(),
            };
        }, cancellationToken);
}
