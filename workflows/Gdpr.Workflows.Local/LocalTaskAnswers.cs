using System.Text.Json.Nodes;
using Gdpr.Workflows.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The local host's side of the systems' API, route logic only (the HTTP server maps it): one answer or a batch
/// (<c>POST /tasks/callback</c>, <c>POST /tasks/answers</c>), and the subject of a task (<c>GET /tasks/{taskId}/subject</c>).
/// A system answers and reads only its own tasks: another system's is not found for it, so nobody learns whether it
/// exists. Answers are idempotent by task id: the same kind of answer again, after the first was taken, is 200 with
/// <c>duplicate: true</c> and changes nothing; a different answer to a task already closed is a conflict (409).
/// </summary>
public sealed class LocalTaskAnswers(TaskInbox inbox, ITaskCallbacks callbacks, SubjectVault vault, TimeProvider time)
{
    /// <summary>One answer (answer.schema.json) from <paramref name="system"/>.</summary>
    public async Task<JsonObject> AnswerAsync(string system, JsonNode? body, CancellationToken cancellationToken = default)
    {
        var answer = TaskAnswer.Read(body);
        var task = Own(system, answer.TaskToken);
        if (task.State == InboxTaskState.Answered && answer.Kind != TaskAnswerKind.Heartbeat && task.Answer == answer.Answered)
        {
            return Result(answer, task, duplicate: true);
        }

        // The inbox knows what the engine may not yet: a task past its timeout or heartbeat interval is closed.
        if (task.State != InboxTaskState.Open || task.HasTimedOutAt(time.GetUtcNow()))
        {
            var state = task.State == InboxTaskState.Open ? InboxTaskState.TimedOut : task.State;
            throw new ConflictException($"Task {task.TaskId} can no longer be answered ({state.WireName()}): a task token works once, and only in time.");
        }

        await answer.ApplyAsync(callbacks, cancellationToken);
        return Result(answer, task, duplicate: false);
    }

    /// <summary>Many answers (batch.schema.json) from <paramref name="system"/>, each with its own result.</summary>
    public Task<JsonObject> AnswerBatchAsync(string system, JsonNode? body, CancellationToken cancellationToken = default) =>
        TaskAnswerBatch.ApplyAsync(callbacks, body, (answer, _) => Task.FromResult(inbox.Find(answer.TaskToken)?.System == system), cancellationToken);

    /// <summary>
    /// The identifiers <paramref name="system"/> needs for its task <paramref name="taskId"/> (subject.schema.json), only
    /// while the task can still be answered: afterwards the system has no reason to know who it was.
    /// </summary>
    public async Task<JsonObject> SubjectAsync(string system, string taskId, CancellationToken cancellationToken = default)
    {
        var task = inbox.FindById(taskId);
        if (task is null || task.System != system)
        {
            throw new NotFoundException($"No task {taskId} of system {system}: 'GET /tasks' lists them.");
        }

        if (task.State != InboxTaskState.Open || task.HasTimedOutAt(time.GetUtcNow()))
        {
            throw new ConflictException($"Task {taskId} can no longer be answered ({task.State.WireName()}), so its subject is not disclosed.");
        }

        var identifiers = await vault.OpenAsync(task.RequestId, cancellationToken);
        return new JsonObject
        {
            ["taskId"] = task.TaskId,
            ["requestId"] = task.RequestId,
            ["identifiers"] = new JsonArray([.. identifiers.Select(i => (JsonNode)new JsonObject { ["kind"] = i.KindLabel, ["value"] = i.Value })]),
        };
    }

    private static JsonObject Result(TaskAnswer answer, InboxTask task, bool duplicate) => new()
    {
        ["delivered"] = true,
        ["answer"] = answer.Answered,
        ["taskId"] = answer.TaskId,
        ["requestId"] = task.RequestId,
        ["system"] = task.System,
        ["duplicate"] = duplicate,
    };

    private InboxTask Own(string system, string taskToken)
    {
        var task = inbox.Find(taskToken);
        return task is not null && task.System == system
            ? task
            : throw new NotFoundException($"The task token is not one of system {system}'s tasks: 'GET /tasks' lists them.");
    }
}
