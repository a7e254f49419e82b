using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Functions.Deadline;

/// <summary>
/// The extension route's answer, as the local host answered it before the route was deployed and as <c>gdpr status
/// --json</c> prints a request (docs/openapi.json ExtendedStatus): the due date as <c>deadline</c>, the days left, the
/// extensions, pauses and how the deadline was reached, and each system by <c>name</c> and <c>state</c>; null fields left out.
/// </summary>
public static class ExtendedStatusJson
{
    public static JsonObject Of(RequestStatusView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var context = ExtendedStatusJsonContext.Default;
        var deadline = view.Deadline;
        return WithoutNulls(new JsonObject
        {
            ["requestId"] = view.RequestId,
            ["status"] = view.Status,
            ["deadline"] = deadline.DueDate is { } due ? Date(due) : null,
            ["deadlineProvisional"] = deadline.Provisional,
            ["clockStopped"] = deadline.ClockStopped,
            ["daysLeft"] = deadline.DaysLeft,
            ["overdue"] = deadline.Overdue,
            ["receivedAt"] = view.ReceivedAt,
            ["channel"] = view.Channel,
            ["verification"] = JsonSerializer.SerializeToNode(view.Verification, context.VerificationView),
            ["systems"] = new JsonArray([.. view.Systems.Select(s => (JsonNode)WithoutNulls(new JsonObject
            {
                ["name"] = s.System,
                ["state"] = s.Status,
                ["attempts"] = s.Attempts,
                ["lastError"] = s.LastError,
                ["retainedGround"] = s.RetentionGround,
                ["retainUntil"] = s.RetainUntil is { } until ? Date(until) : null,
                ["receipt"] = s.Receipt,
                ["recipients"] = s.Recipients,
                ["recipientsReason"] = s.RecipientsReason,
                ["recipientCount"] = s.RecipientCount,
            }))]),
            ["outcome"] = view.Outcome is null ? null : JsonSerializer.SerializeToNode(view.Outcome, context.OutcomeView),
            ["extensions"] = JsonSerializer.SerializeToNode(deadline.Extensions, context.IReadOnlyListExtensionView),
            ["pauses"] = JsonSerializer.SerializeToNode(deadline.Pauses, context.IReadOnlyListPauseView),
            ["explanation"] = JsonSerializer.SerializeToNode(deadline.Explanation, context.IReadOnlyListString),
            ["executionId"] = view.ExecutionId,
            ["updatedAt"] = view.UpdatedAt,
        });
    }

    private static JsonObject WithoutNulls(JsonObject json)
    {
        foreach (var name in json.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            json.Remove(name);
        }

        return json;
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
