using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.Tasks;

/// <summary>
/// TasksFunction, an async system's pull (erasure-task contract v1), for the caller's own tasks only (the system is the
/// caller's IAM role, <see cref="SystemCaller"/>):
/// <list type="bullet">
/// <item><c>GET /tasks[?wait=N]</c>: <c>{tasks: [task message + receivedAt, dueAt, state]}</c>, a long poll of up to 20 s.</item>
/// <item><c>GET /tasks/{taskId}/subject</c>: <c>{taskId, requestId, identifiers: [{kind, value}]}</c> while the task is open.</item>
/// <item>From the tasks topic (an SNS event): keeps each task for the pull. Its records carry ids, times and the token only.</item>
/// </list>
/// </summary>
public sealed class TasksFunction(SystemTasksService tasks) : IJsonFunction
{
    public const string NotASystem = "Only an async system's IAM role (gdpr-system-<system>) pulls tasks; this caller is not one.";

    public async Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken)
    {
        if (payload is JsonObject { } json && json["Records"] is JsonArray records)
        {
            foreach (var record in records)
            {
                var message = record?["Sns"]?["Message"]?.GetValue<string>() ?? throw new InvalidInputException("An SNS record without 'Sns.Message'.");
                await tasks.RecordAsync(ErasureTaskMessage.Parse(JsonNode.Parse(message)), cancellationToken);
            }

            return new JsonObject { ["recorded"] = records.Count };
        }

        return await HttpApiFunction.RunAsync(payload, request => RouteAsync(request, cancellationToken), cancellationToken);
    }

    private async Task<JsonObject> RouteAsync(HttpApiRequest request, CancellationToken cancellationToken)
    {
        if (SystemCaller.SystemOf(request.Caller) is not { } system)
        {
            return HttpApiResponses.Error(403, ErasureErrorTypes.Forbidden, NotASystem);
        }

        if (request.PathParameters.TryGetValue("taskId", out var taskId))
        {
            Only(request);
            var (task, identifiers) = await tasks.SubjectAsync(system, taskId, cancellationToken);
            return HttpApiResponses.Json(200, new JsonObject
            {
                ["taskId"] = task.TaskId,
                ["requestId"] = task.Message.RequestId,
                ["identifiers"] = new JsonArray([.. identifiers.Select(i => (JsonNode)new JsonObject { ["kind"] = i.KindLabel, ["value"] = i.Value })]),
            });
        }

        Only(request, "system", "wait");
        if (request.QueryParameters.GetValueOrDefault("system") is { } asked && asked != system)
        {
            return HttpApiResponses.Error(403, ErasureErrorTypes.Forbidden, $"The role of system {system} sees only that system's tasks.");
        }

        var wait = request.QueryParameters.GetValueOrDefault("wait") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : -1
            : 0;
        var open = await tasks.OpenAsync(system, wait, cancellationToken);
        return HttpApiResponses.Json(200, new JsonObject { ["tasks"] = new JsonArray([.. open.Select(t => (JsonNode)View(t))]) });
    }

    /// <summary>The task message (task.schema.json) with the inbox's view added, as the local host lists it.</summary>
    private static JsonObject View(SystemTask task)
    {
        var json = task.Message.ToJson();
        json["receivedAt"] = task.ReceivedAt;
        json["dueAt"] = task.DueAt;
        json["state"] = task.State;
        return json;
    }

    private static void Only(HttpApiRequest request, params string[] known)
    {
        if (request.QueryParameters.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            // The words of the local host's own check (the name is not echoed: a caller may put anything there).
            _ = unknown;
            throw new InvalidInputException(known.Length == 0 ? "This route takes no query parameters." : $"Unknown query parameter; this route takes {string.Join(", ", known)}.");
        }
    }
}
