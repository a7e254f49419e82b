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
/// TaskCallbackFunction, three routes:
/// <list type="bullet">
/// <item><c>POST /tasks/callback</c>, an async system's answer (erasure-task contract v1, answer.schema.json): an
/// outcome with its receipt, a failure, or a heartbeat. Status and body as <see cref="TaskAnswerResponse"/>, the same
/// as the local host's.</item>
/// <item><c>POST /tasks/answers</c>, many answers in one call (batch.schema.json), each with its own result.</item>
/// <item><c>POST /requests/{requestId}/verification</c>, an officer's decision: <c>{verified: true, method, receivedOn?}</c> or
/// <c>{verified: false, reason}</c> (codes), recorded as the calling principal.</item>
/// </list>
/// The token is never echoed (answers carry the task id).
/// </summary>
public sealed class TaskCallbackFunction(TaskCallbackService callbacks, RecordedTaskAnswers answers) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        HttpApiFunction.RunAsync(
            payload,
            request => request.PathParameters.ContainsKey("requestId") ? DecideAsync(request, cancellationToken) : AnswerTasksAsync(request, cancellationToken),
            cancellationToken);

    private async Task<JsonObject> AnswerTasksAsync(HttpApiRequest request, CancellationToken cancellationToken)
    {
        // Step Functions forgets answers (a used token is TaskTimedOut): the recorded digest makes a repeat a duplicate.
        ApplyTaskAnswer apply = answers.ApplyAsync;
        var body = request.JsonBody();
        var response = request.RawPath.EndsWith("/answers", StringComparison.Ordinal)
            ? await TaskAnswering.AnswerBatchAsync(body, apply, cancellationToken)
            : await TaskAnswering.AnswerAsync(body, apply, cancellationToken);
        return HttpApiResponses.Json(response.Status, response.Body);
    }

    private async Task<JsonObject> DecideAsync(HttpApiRequest request, CancellationToken cancellationToken)
    {
        var body = HttpApiBody.Of(request.JsonBody(), "verified", "method", "reason", "receivedOn");
        var verified = body.Bool("verified") ?? throw new InvalidInputException("'verified' is required: true (with 'method') or false (with 'reason').");
        var code = verified ? body.RequiredText("method") : body.RequiredText("reason");
        // The clock starts the day the identity information arrived (UK GDPR Art. 12(6), ICO: "the time limit starts
        // from when you receive the additional information"), not the day an officer decided: never "now" silently.
        var arrived = body.Text("receivedOn") is { } text
            ? verified && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day
                : throw new InvalidInputException("'receivedOn' goes with verified: true, as YYYY-MM-DD: the day the identity information arrived.")
            : (DateOnly?)null;
        var decision = await callbacks.DecideIdentityAsync(request.RequestId(), verified, code, arrived, request.Caller, cancellationToken);
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
