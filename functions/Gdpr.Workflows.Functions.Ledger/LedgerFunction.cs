using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.Ledger;

/// <summary>
/// LedgerFunction: records a workflow event, <c>{event, requestId, executionId, ...}</c> (functions/README.md), in the
/// request and the audit trail. For RequestStarted it answers <c>{needsVerification, deadlineHorizonSeconds}</c>, which
/// the definition's Choice and verification timeout read; other events answer <c>{requestId, event, system, applied, status}</c>.
/// </summary>
public sealed class LedgerFunction(LedgerService ledger) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () => (await ledger.RecordAsync(LedgerEvent.Parse(payload), cancellationToken)).ToJson(), cancellationToken);
}
