using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The JSON of a task in a list (<c>gdpr task list --json</c>, <c>GET /tasks</c>): the token only for the system
/// that answers it; state and reason only for tasks that left the inbox.
/// </summary>
public static class TaskViews
{
    public static JsonObject ToJson(InboxTask task, bool withToken)
    {
        var json = new JsonObject();
        if (withToken)
        {
            json["taskToken"] = task.TaskToken;
        }

        json["taskId"] = task.TaskId;
        json["requestId"] = task.RequestId;
        json["system"] = task.System;
        json["receivedAt"] = task.ReceivedAt;
        json["dueAt"] = task.DueAt;
        json["heartbeatSeconds"] = task.HeartbeatSeconds;
        json["state"] = task.State.WireName();
        if (task.State != InboxTaskState.Open)
        {
            if (task.Answer is not null)
            {
                json["answer"] = task.Answer;
            }

            json["closedAt"] = task.ClosedAt;
        }

        return json;
    }

    public static JsonObject List(IEnumerable<InboxTask> tasks, bool withTokens) =>
        new() { ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)ToJson(t, withTokens))]) };
}
