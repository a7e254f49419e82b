using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.Reply;

/// <summary>
/// ReplyFunction: <c>{requestId, executionId}</c> → <c>{sha256, templateVersion, sentNow}</c>. Sends the requester the
/// reply of a closed request before the workflow shreds the identifiers; a repeat sends nothing again.
/// </summary>
public sealed class ReplyFunction(ReplyService reply) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () =>
        {
            var json = JsonPayload.RequireObject(payload);
            var result = await reply.SendAsync(JsonPayload.RequiredString(json, "requestId"), JsonPayload.RequiredString(json, "executionId"), cancellationToken);
            return new JsonObject { ["sha256"] = result.Sha256, ["templateVersion"] = result.TemplateVersion, ["sentNow"] = result.SentNow };
        }, cancellationToken);
}
