using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.Ledger;

/// <summary>
/// LedgerFunction: records a workflow event, <c>{event, requestId, executionId, ...}</c> (functions/README.md), in the
/// request and the audit trail. For RequestStarted it answers <c>{needsVerification, deadlineHorizonSeconds}</c>, which
/// the definition's Choice and verification timeout read; every answer also says whether the event changed the request.
/// </summary>
public sealed class LedgerFunction(LedgerService ledger) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () => Answer(await ledger.RecordAsync(LedgerEvent.Parse(payload), cancellationToken)), cancellationToken);

    private static JsonObject Answer(LedgerResult result)
    {
        var answer = new JsonObject
        {
            ["requestId"] = result.RequestId,
            ["event"] = result.Event,
            ["applied"] = result.Applied,
            ["status"] = result.Status.Name(),
        };
        if (result.System is { } system)
        {
            answer["system"] = system;
        }

        if (result.NeedsVerification is { } needsVerification)
        {
            answer["needsVerification"] = needsVerification;
            answer["deadlineHorizonSeconds"] = result.DeadlineHorizonSeconds;
        }

        return answer;
    }
}
