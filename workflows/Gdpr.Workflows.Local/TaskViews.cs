using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The JSON of a task in a list (<c>gdpr task list --json</c>, <c>GET /tasks</c>): the token only for the system
/// that answers it; state and reason only for tasks that left the inbox.
/// </summary>
public static class TaskViews
{
    public static JsonObject ToJson(InboxTask task, bool withToken, WebhookDelivery? delivery = null)
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
        json["expectedBy"] = task.ExpectedBy?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        json["respondBy"] = task.Message.RespondBy;
        json["state"] = task.State.WireName();
        if (task.LastHeartbeatAt is { } beat)
        {
            // The system's last sign of life: officers can tell a slow system from a silent one.
            json["lastHeartbeatAt"] = beat;
        }

        if (task.State != InboxTaskState.Open)
        {
            if (task.Answer is not null)
            {
                json["answer"] = task.Answer;
            }

            json["closedAt"] = task.ClosedAt;
        }

        if (delivery is not null)
        {
            // Officers see a push that was given up (dead), so they can chase the system; the task stays pullable.
            json["delivery"] = new JsonObject { ["state"] = delivery.State, ["attempts"] = delivery.Attempts, ["lastStatus"] = delivery.LastStatus };
        }

        return json;
    }

    /// <summary>
    /// A system's pull (<c>GET /tasks</c>): each task is the contract's task message (task.schema.json) with the
    /// inbox's view added (receivedAt, dueAt, state).
    /// </summary>
    public static JsonObject Messages(IEnumerable<InboxTask> tasks) =>
        new() { ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)Message(t))]) };

    private static JsonObject Message(InboxTask task)
    {
        var json = task.Message.ToJson();
        json["receivedAt"] = task.ReceivedAt;
        json["dueAt"] = task.DueAt;
        json["state"] = task.State.WireName();
        return json;
    }

    public static JsonObject List(IEnumerable<InboxTask> tasks, bool withTokens, WebhookDeliveries? deliveries = null) =>
        new() { ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)ToJson(t, withTokens, deliveries?.Find(t.TaskToken)))]) };
}
