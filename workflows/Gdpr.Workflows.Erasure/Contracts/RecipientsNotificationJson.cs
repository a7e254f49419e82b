using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Contracts;

/// <summary>
/// The wire form of an Art. 19 outcome: <c>{status: "sent" | "acknowledged" | "impossible" | "failed", reason, recipientCount,
/// recipients: [{name, status, reason}]}</c> (the Recipients function's result; "failed" comes from the definition when the
/// function itself failed, with no recipients listed).
/// </summary>
public static class RecipientsNotificationJson
{
    public static string WireName(this RecipientNotificationStatus status) => status.ToString().ToLowerInvariant();

    public static JsonObject ToJson(this RecipientsNotification notification) => new()
    {
        ["status"] = notification.Status.WireName(),
        ["reason"] = notification.Reason,
        ["recipientCount"] = notification.RecipientCount,
        ["recipients"] = new JsonArray([.. notification.Recipients.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["status"] = r.Status.WireName(),
            ["reason"] = r.Reason,
        })]),
    };

    /// <exception cref="InvalidInputException">A missing or unknown field value.</exception>
    public static RecipientsNotification FromJson(JsonNode? node)
    {
        var json = JsonFields.Object(node, "A recipients notification");
        var status = Status(JsonFields.RequiredString(json, "status"));
        var count = JsonFields.RequiredInt(json, "recipientCount");
        var recipients = json["recipients"] switch
        {
            null => [],
            JsonArray list => list.Select(item =>
            {
                var entry = JsonFields.Object(item, "Each recipient");
                return new RecipientResult(JsonFields.RequiredString(entry, "name"), Status(JsonFields.RequiredString(entry, "status")), JsonFields.OptionalString(entry, "reason"));
            }).ToList(),
            _ => throw new InvalidInputException("'recipients' must be an array of {name, status, reason}."),
        };
        return count < 0
            ? throw new InvalidInputException("'recipientCount' cannot be negative.")
            : new RecipientsNotification(status, JsonFields.OptionalString(json, "reason"), count) { Recipients = recipients };
    }

    private static RecipientNotificationStatus Status(string text) => text switch
    {
        "sent" => RecipientNotificationStatus.Sent,
        "acknowledged" => RecipientNotificationStatus.Acknowledged,
        "impossible" => RecipientNotificationStatus.Impossible,
        "failed" => RecipientNotificationStatus.Failed,
        _ => throw new InvalidInputException("'status' must be sent, acknowledged, impossible or failed."),
    };
}
