using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Contracts;

/// <summary>
/// The wire form of an Art. 19 outcome: <c>{status: "sent" | "acknowledged" | "impossible" | "failed", reason, recipientCount}</c>
/// (the Recipients function's result; "failed" comes from the definition when the function itself failed).
/// </summary>
public static class RecipientsNotificationJson
{
    public static string WireName(this RecipientNotificationStatus status) => status.ToString().ToLowerInvariant();

    public static JsonObject ToJson(this RecipientsNotification notification) => new()
    {
        ["status"] = notification.Status.WireName(),
        ["reason"] = notification.Reason,
        ["recipientCount"] = notification.RecipientCount,
    };

    /// <exception cref="InvalidInputException">A missing or unknown field value.</exception>
    public static RecipientsNotification FromJson(JsonNode? node)
    {
        var json = JsonFields.Object(node, "A recipients notification");
        var status = JsonFields.RequiredString(json, "status") switch
        {
            "sent" => RecipientNotificationStatus.Sent,
            "acknowledged" => RecipientNotificationStatus.Acknowledged,
            "impossible" => RecipientNotificationStatus.Impossible,
            "failed" => RecipientNotificationStatus.Failed,
            _ => throw new InvalidInputException("'status' must be sent, acknowledged, impossible or failed."),
        };
        var count = JsonFields.RequiredInt(json, "recipientCount");
        return count < 0
            ? throw new InvalidInputException("'recipientCount' cannot be negative.")
            : new RecipientsNotification(status, JsonFields.OptionalString(json, "reason"), count);
    }
}
