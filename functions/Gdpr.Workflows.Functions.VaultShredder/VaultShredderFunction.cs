using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.VaultShredder;

/// <summary>
/// VaultShredderFunction, three callers:
/// <list type="bullet">
/// <item>the workflow, <c>{requestId, executionId}</c>: shreds the request's vault entry (finding nothing is success);</item>
/// <item>the ExecutionEnded rule, <c>{requestId, executionId, reason}</c> (ABORTED, TIMED_OUT, FAILED): shreds only a
/// withdrawn or rejected request, and keeps any other's identifiers for a redrive (<see cref="ExecutionEndedShredding"/>);</item>
/// <item>the daily schedule, <c>{sweep: "redrive-window"}</c>: shreds failed requests whose redrive window has closed.</item>
/// </list>
/// Answers <c>{requestId, outcome}</c>, or <c>{sweep, examined, shredded}</c>.
/// </summary>
public sealed class VaultShredderFunction(ShredService shredder, ExecutionEndedShredding? afterExecutionEnded = null) : IJsonFunction
{
    public const string RedriveWindowSweep = "redrive-window";

    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () =>
        {
            var json = JsonPayload.RequireObject(payload);
            if (JsonPayload.OptionalString(json, "sweep") is { } sweep)
            {
                if (sweep != RedriveWindowSweep)
                {
                    throw new InvalidInputException($"'sweep' must be \"{RedriveWindowSweep}\".");
                }

                var swept = await AfterExecutionEnded().SweepAsync(cancellationToken);
                return new JsonObject
                {
                    ["sweep"] = sweep,
                    ["examined"] = swept.Examined,
                    ["shredded"] = swept.Shredded,
                };
            }

            var requestId = JsonPayload.RequiredString(json, "requestId");
            var executionId = JsonPayload.RequiredString(json, "executionId");
            var result = JsonPayload.OptionalString(json, "reason") is { } reason
                ? await AfterExecutionEnded().OnExecutionEndedAsync(requestId, executionId, reason, cancellationToken)
                : await shredder.ShredAsync(requestId, executionId, null, cancellationToken);
            return new JsonObject { ["requestId"] = result.RequestId, ["outcome"] = result.Outcome };
        }, cancellationToken);

    private ExecutionEndedShredding AfterExecutionEnded() =>
        afterExecutionEnded ?? throw new InvalidOperationException("This host does not deliver ExecutionEnded events or sweeps to the shredder.");
}
