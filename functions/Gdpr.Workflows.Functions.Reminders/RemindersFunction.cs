using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;

namespace Gdpr.Workflows.Functions.Reminders;

/// <summary>
/// RemindersFunction, daily from the schedule: tells the officers which open requests are due soon or overdue (once a
/// day), publishes the OverdueRequests metric, and runs the retention follow-up (a closed request whose Art. 17(3)
/// retention ended is reopened for those systems, audited; when its identifiers are gone the officers are told). The
/// schedule's event is ignored except for an optional <c>dueSoonDays</c> (0 to 60, default 7). Answers the day's counts,
/// the ids of the requests reopened and of those that could not be (identifiers gone).
/// </summary>
public sealed class RemindersFunction(RemindersService reminders, IOverdueRequestsMetric overdueMetric, RetentionFollowUpService retentionFollowUp) : IJsonFunction
{
    public const int MaxDueSoonDays = 60;

    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        FunctionFailures.GuardAsync<JsonNode?>(async () =>
        {
            var dueSoonDays = payload is JsonObject json ? JsonPayload.OptionalInt(json, "dueSoonDays") ?? RemindersService.DefaultDueSoonDays : RemindersService.DefaultDueSoonDays;
            if (dueSoonDays is < 0 or > MaxDueSoonDays)
            {
                throw new InvalidInputException($"'dueSoonDays' must be 0 to {MaxDueSoonDays}.");
            }

            var report = await reminders.RunAsync(dueSoonDays, cancellationToken);
            await overdueMetric.PublishAsync(report.Overdue, cancellationToken);
            var followUp = await retentionFollowUp.RunAsync(cancellationToken);
            return new JsonObject
            {
                ["today"] = report.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["open"] = report.Open,
                ["overdue"] = report.Overdue,
                ["dueSoon"] = report.DueSoon,
                ["clockStopped"] = report.ClockStopped,
                ["extensionNoticesDue"] = report.ExtensionNoticesDue,
                ["retentionExamined"] = followUp.Examined,
                ["retentionReopened"] = new JsonArray([.. followUp.Reopened.Select(r => (JsonNode?)JsonValue.Create(r.RequestId))]),
                ["retentionIdentifiersGone"] = new JsonArray([.. followUp.IdentifiersGone.Select(id => (JsonNode?)JsonValue.Create(id))]),
            };
        }, cancellationToken);
}
