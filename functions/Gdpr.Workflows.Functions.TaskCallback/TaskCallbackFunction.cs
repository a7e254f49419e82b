using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.TaskCallback;

/// <summary>
/// TaskCallbackFunction, two routes:
/// <list type="bullet">
/// <item><c>POST /tasks/callback</c>, an async system's answer: <c>{taskToken, outcome, receipt}</c> completes the task
/// with exactly <c>{outcome, receipt}</c>; <c>{taskToken, heartbeat: true}</c> is a heartbeat; <c>{taskToken, error}</c>
/// fails it ("Erasure.TransientError" to be asked again).</item>
/// <item><c>POST /requests/{requestId}/verification</c>, an officer's decision: <c>{verified: true, method}</c> or
/// <c>{verified: false, reason}</c> (codes), recorded as the calling principal.</item>
/// </list>
/// Unknown tokens are 404, tokens already used 409. The token is never echoed.
/// </summary>
public sealed class TaskCallbackFunction(TaskCallbackService callbacks) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        HttpApiFunction.RunAsync(
            payload,
            request => request.PathParameters.ContainsKey("requestId") ? DecideAsync(request, cancellationToken) : AnswerTaskAsync(request, cancellationToken),
            cancellationToken);

    private async Task<JsonObject> AnswerTaskAsync(HttpApiRequest request, CancellationToken cancellationToken)
    {
        var json = request.JsonBody();
        var body = HttpApiBody.Of(json, "taskToken", "outcome", "receipt", "heartbeat", "error");
        var token = body.RequiredText("taskToken");
        if (token.Length > TaskCallbackService.MaxTokenLength || token.Any(char.IsControl))
        {
            throw new InvalidInputException($"'taskToken' must be 1 to {TaskCallbackService.MaxTokenLength} printable characters.");
        }

        var heartbeat = body.Bool("heartbeat");
        var error = body.Text("error");
        var answers = json.ContainsKey("outcome") || json.ContainsKey("receipt");
        if ((heartbeat is not null ? 1 : 0) + (error is not null ? 1 : 0) + (answers ? 1 : 0) != 1 || heartbeat == false)
        {
            throw new InvalidInputException("Send exactly one of: {outcome, receipt} (the erasure is done), {error} (it failed), or {heartbeat: true} (still working).");
        }

        if (json["receipt"] is JsonObject receipt)
        {
            HttpApiBody.Nested(receipt, "receipt", "reference", "ground", "retainedData", "retainUntil");
        }

        string answered;
        if (heartbeat == true)
        {
            await callbacks.HeartbeatAsync(token, cancellationToken);
            answered = "heartbeat";
        }
        else if (error is not null)
        {
            await callbacks.FailAsync(token, error, cancellationToken);
            answered = "failure";
        }
        else
        {
            await callbacks.CompleteAsync(token, ErasureAnswer.FromJson(json), cancellationToken);
            answered = "success";
        }

        return HttpApiResponses.Json(200, new JsonObject { ["answered"] = answered });
    }

    private async Task<JsonObject> DecideAsync(HttpApiRequest request, CancellationToken cancellationToken)
    {
        var body = HttpApiBody.Of(request.JsonBody(), "verified", "method", "reason");
        var verified = body.Bool("verified") ?? throw new InvalidInputException("'verified' is required: true (with 'method') or false (with 'reason').");
        var code = verified ? body.RequiredText("method") : body.RequiredText("reason");
        var decision = await callbacks.DecideIdentityAsync(request.RequestId(), verified, code, request.Caller, cancellationToken);
        return HttpApiResponses.Json(200, new JsonObject
        {
            ["requestId"] = decision.RequestId,
            ["status"] = decision.Status.Name(),
            ["verification"] = decision.Verification.ToString(),
            ["dueDate"] = decision.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["dueDateIsProvisional"] = decision.DueDateIsProvisional,
        });
    }
}
