using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>The routes of async systems: their open tasks and their answers.</summary>
internal sealed class TaskRoutes(LocalHost host)
{
    public IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("POST", "/tasks/callback", [ApiRole.System], CallbackAsync);
        yield return new ApiRoute("GET", "/tasks", [ApiRole.System, ApiRole.Officer], TasksAsync);
    }

    /// <summary>A system sees its own tasks, with the tokens to answer them; an officer sees every system's, without tokens.</summary>
    private Task<ApiAnswer> TasksAsync(ApiCall call)
    {
        call.Query("system");
        var system = call.QueryValue("system");
        var principal = call.Principal;
        if (principal.Role == ApiRole.System)
        {
            if (system is not null && system != principal.System)
            {
                throw ApiException.Forbidden($"The token of system {principal.System} sees only that system's tasks.");
            }

            return Task.FromResult(new ApiAnswer(200, RequestRoutes.ToNode(new { tasks = host.Inbox.Open(principal.System).Select(t => new { taskToken = t.TaskToken, requestId = t.RequestId, system = t.System, receivedAt = t.ReceivedAt, dueAt = t.DueAt }) })));
        }

        return Task.FromResult(new ApiAnswer(200, RequestRoutes.ToNode(new { tasks = host.Inbox.Open(system).Select(t => new { requestId = t.RequestId, system = t.System, receivedAt = t.ReceivedAt, dueAt = t.DueAt }) })));
    }

    private async Task<ApiAnswer> CallbackAsync(ApiCall call)
    {
        call.NoQuery();
        var json = await call.BodyAsync();
        var body = ApiBody.Of(json, "taskToken", "outcome", "receipt", "heartbeat", "error");
        var token = body.RequiredString("taskToken");
        if (token.Length > TaskCallbackService.MaxTokenLength || token.Any(char.IsControl))
        {
            throw new InvalidInputException($"'taskToken' must be 1 to {TaskCallbackService.MaxTokenLength} printable characters.");
        }

        var heartbeat = body.Bool("heartbeat");
        var error = body.String("error");
        var answers = json.ContainsKey("outcome") || json.ContainsKey("receipt");
        if ((heartbeat is not null ? 1 : 0) + (error is not null ? 1 : 0) + (answers ? 1 : 0) != 1 || heartbeat == false)
        {
            throw new InvalidInputException("Send exactly one of: {outcome, receipt} (the erasure is done), {error} (it failed), or {heartbeat: true} (still working).");
        }

        if (json["receipt"] is JsonObject receipt)
        {
            ApiBody.Nested(receipt, "receipt", "reference", "ground", "retainedData", "retainUntil");
        }

        // The token is the capability, and the system's own token says whose tasks it may answer: another system's
        // task (or an officer's identity check) is not found for it, so nobody learns whether it exists.
        var principal = call.Principal;
        var task = host.Inbox.Find(token);
        if (task is null || task.System != principal.System)
        {
            throw new NotFoundException($"The task token is not one of system {principal.System}'s tasks: 'GET /tasks' lists them.");
        }

        string answer;
        if (heartbeat == true)
        {
            await host.Services.TaskCallbacks.HeartbeatAsync(token, call.CancellationToken);
            answer = "heartbeat";
        }
        else if (error is not null)
        {
            await host.Services.TaskCallbacks.FailAsync(token, error, call.CancellationToken);
            host.Inbox.MarkAnswered(token, "failed");
            answer = "failed";
        }
        else
        {
            await host.Services.TaskCallbacks.CompleteAsync(token, ErasureAnswer.FromJson(json), call.CancellationToken);
            host.Inbox.MarkAnswered(token, "succeeded");
            answer = "succeeded";
        }

        return new ApiAnswer(200, RequestRoutes.ToNode(new { delivered = true, answer, requestId = task.RequestId, system = task.System }));
    }
}
