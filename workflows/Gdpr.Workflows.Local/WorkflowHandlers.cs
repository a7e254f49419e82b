using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Integrations.Lambda;
using Gdpr.Workflows.Engine.Sam;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The in-process handlers of the functions the erasure state machine calls, by LocalHandler name, over
/// <see cref="LocalServices"/>: each reads the payload of functions/README.md's contract, calls its service and
/// answers as the deployed function does. A service failure reaches the engine with its error type
/// (e.g. "Erasure.TransientError", which the definition retries); any other failure by its type name only.
/// </summary>
public static class WorkflowHandlers
{
    public const string Prefix = "Gdpr.Workflows.Functions.";

    public static IReadOnlyDictionary<string, LocalLambdaHandler> For(LocalServices services) => new Dictionary<string, LocalLambdaHandler>(StringComparer.Ordinal)
    {
        [Prefix + "Ledger"] = Guard(async (payload, ct) =>
        {
            var result = await services.Ledger.RecordAsync(LedgerEvent.Parse(payload), ct);
            var answer = new JsonObject { ["requestId"] = result.RequestId, ["event"] = result.Event, ["applied"] = result.Applied, ["status"] = result.Status.Name() };
            if (result.NeedsVerification is { } needsVerification)
            {
                answer["needsVerification"] = needsVerification;
                answer["deadlineHorizonSeconds"] = result.DeadlineHorizonSeconds;
            }

            return answer;
        }),
        [Prefix + "Verification"] = Guard(async (payload, ct) =>
        {
            var decision = await services.Verification.AwaitVerificationAsync(Text(payload, "requestId"), Text(payload, "executionId"), Text(payload, "taskToken"), ct);
            return new JsonObject { ["requestId"] = decision.RequestId, ["status"] = decision.Status.Name() };
        }),
        [Prefix + "Systems"] = Guard(async (payload, ct) =>
        {
            var plan = await services.Systems.ListAsync(Text(payload, "requestId"), Text(payload, "executionId"), ct);
            return new JsonObject
            {
                ["systems"] = new JsonArray([.. plan.Systems.Select(s => (JsonNode)new JsonObject
                {
                    ["system"] = s.System,
                    ["mode"] = s.Mode,
                    ["heartbeatSeconds"] = s.HeartbeatSeconds,
                    ["timeoutSeconds"] = s.TimeoutSeconds,
                })]),
            };
        }),
        [Prefix + "SyncErase"] = Guard(async (payload, ct) =>
            (await services.SyncErase.EraseAsync(Text(payload, "requestId"), Text(payload, "executionId"), Text(payload, "system"), ct)).ToJson()),
        [Prefix + "Recipients"] = Guard(async (payload, ct) =>
            (await services.RecipientsNotification.NotifyAsync(Text(payload, "requestId"), Text(payload, "executionId"), Text(payload, "system"), ct)).ToJson()),
        [Prefix + "Finalizer"] = Guard(async (payload, ct) =>
            (await services.Finalizer.FinalizeAsync(Text(payload, "requestId"), Text(payload, "executionId"), SystemSummary.ParseAll(payload?["outcomes"]), ct)).ToJson()),
        [Prefix + "VaultShredder"] = Guard(async (payload, ct) =>
        {
            var reason = payload?["reason"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
            var result = await services.Shred.ShredAsync(Text(payload, "requestId"), Text(payload, "executionId"), reason, ct);
            return new JsonObject { ["requestId"] = result.RequestId, ["outcome"] = result.Outcome };
        }),
    };

    private static LocalLambdaHandler Guard(Func<JsonNode?, CancellationToken, Task<JsonNode?>> work) => async (payload, _, cancellationToken) =>
    {
        try
        {
            return await work(payload, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ErasureException e)
        {
            throw new LambdaFunctionException(e.ErrorType, e.Message);
        }
        catch (Exception e) when (e is not LambdaFunctionException)
        {
            // The message may quote data (a store's key, a connector's answer): only the type is reported.
            throw new LambdaFunctionException(e.GetType().Name, $"The function failed with {e.GetType().Name}; its message is withheld.");
        }
    };

    private static string Text(JsonNode? payload, string field) =>
        payload?[field] is JsonValue value && value.TryGetValue(out string? text) ? text : throw new InvalidInputException($"'{field}' is required.");
}
