using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.Verification;

/// <summary>
/// VerificationFunction (<c>.waitForTaskToken</c>): <c>{requestId, executionId, taskToken}</c>. Stores the token under
/// (requestId, "identity-verification") and asks the officers; the workflow waits until the verification route
/// answers. The answer here is discarded by the definition, and never holds the token. With <c>{action: "review",
/// requestId, executionId}</c> (a plain invoke) it reviews the wait: reminds the requester, escalates to the officers,
/// and answers <c>{next: "wait"|"close", waitSeconds, waitingOn}</c>.
/// </summary>
public sealed class VerificationFunction(VerificationService verification) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () =>
        {
            var json = JsonPayload.RequireObject(payload);
            if (JsonPayload.OptionalString(json, "action") == "review")
            {
                var review = await verification.ReviewWaitAsync(JsonPayload.RequiredString(json, "requestId"), JsonPayload.RequiredString(json, "executionId"), cancellationToken);
                return new JsonObject { ["next"] = review.Next, ["waitSeconds"] = review.WaitSeconds, ["waitingOn"] = review.WaitingOn };
            }

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
