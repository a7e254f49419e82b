using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.Recipients;

/// <summary>
/// RecipientsFunction (Art. 19): <c>{requestId, executionId, system}</c> →
/// <c>{status: "sent" | "acknowledged" | "impossible", reason, recipientCount}</c>, every field always present.
/// </summary>
public sealed class RecipientsFunction(RecipientsService recipients) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () =>
        {
            var json = JsonPayload.RequireObject(payload);
            var notification = await recipients.NotifyAsync(
                JsonPayload.RequiredString(json, "requestId"),
                JsonPayload.RequiredString(json, "executionId"),
                JsonPayload.RequiredString(json, "system"),
                cancellationToken);
            return notification.ToJson();
        }, cancellationToken);
}
