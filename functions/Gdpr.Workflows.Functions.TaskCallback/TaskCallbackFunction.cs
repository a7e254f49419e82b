using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Contracts;
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
        // Checked against the erasure-task contract's answer.schema.json, the same file the local host checks with.
        var answer = TaskAnswer.Read(request.JsonBody());
        await answer.ApplyAsync(callbacks, cancellationToken);
        return HttpApiResponses.Json(200, new JsonObject
        {
            ["answered"] = answer.Kind switch { TaskAnswerKind.Outcome => "success", TaskAnswerKind.Failure => "failure", _ => "heartbeat" },
            ["taskId"] = answer.TaskId,
        });
    }

    private async Task<JsonObject> DecideAsync(HttpApiRequest request, CancellationToken cancellationToken)
    {
        var body = request.JsonBody();
        var verified = JsonPayload.OptionalBool(body, "verified") ?? throw new InvalidInputException("'verified' is required: true or false.");
        var code = JsonPayload.RequiredString(body, verified ? "method" : "reason");
        var decision = await callbacks.DecideIdentityAsync(request.RequiredPathParameter("requestId"), verified, code, request.Caller, cancellationToken);
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
