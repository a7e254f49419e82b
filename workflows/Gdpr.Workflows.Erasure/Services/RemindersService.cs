using System.Globalization;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// The daily look at open requests: how many are overdue, due within the warning window, waiting with the clock
/// stopped, and how many extensions the subject still has to be told about. <see cref="Attention"/> lists the overdue and
/// due-soon requests, most urgent first. <see cref="Overdue"/> is the OverdueRequests metric.
/// </summary>
public sealed record ReminderReport(DateOnly Today, int Open, int Overdue, int DueSoon, int ClockStopped, int ExtensionNoticesDue, IReadOnlyList<RequestSummary> Attention);

/// <summary>
/// Tells the officers what is due soon or overdue (the Reminders function, daily). One digest per day: running it
/// again the same day sends nothing new (the notice's idempotency key is the day).
/// </summary>
public sealed class RemindersService(IRequestStore requests, IOfficerNotifier officers, ErasureDeadlines deadlines, TimeProvider timeProvider)
{
    public const int DefaultDueSoonDays = 7;
    private const int PageSize = 200;
    private const int MaxListedIds = 40;

    public async Task<ReminderReport> RunAsync(int dueSoonDays = DefaultDueSoonDays, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dueSoonDays);
        var now = timeProvider.GetUtcNow();
        var today = deadlines.Day(now);
        int open = 0, overdue = 0, dueSoon = 0, stopped = 0, noticesDue = 0;
        var attention = new List<RequestSummary>();
        string? token = null;
        do
        {
            var page = await requests.QueryOpenByDeadlineAsync(PageSize, token, cancellationToken);
            foreach (var request in page.Items)
            {
                open++;
                var summary = RequestViews.Summary(request, today);
                stopped += request.Deadline.IsClockStopped ? 1 : 0;
                noticesDue += request.Deadline.ExtensionNotices.Count(n => n.ToldAt is null);
                if (summary.Overdue)
                {
                    overdue++;
                    attention.Add(summary);
                }
                else if (summary.DaysLeft <= dueSoonDays)
                {
                    dueSoon++;
                    attention.Add(summary);
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        var report = new ReminderReport(today, open, overdue, dueSoon, stopped, noticesDue, attention);
        if (overdue + dueSoon + noticesDue > 0)
        {
            await officers.NotifyAsync(Digest(report), cancellationToken);
        }

        return report;
    }

    private static OfficerNotice Digest(ReminderReport report)
    {
        var day = report.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var listed = report.Attention.Take(MaxListedIds).Select(s => s.RequestId).ToList();
        var details = new Dictionary<string, string>
        {
            ["day"] = day,
            ["overdue"] = report.Overdue.ToString(CultureInfo.InvariantCulture),
            ["dueSoon"] = report.DueSoon.ToString(CultureInfo.InvariantCulture),
            ["extensionNoticesDue"] = report.ExtensionNoticesDue.ToString(CultureInfo.InvariantCulture),
            ["requests"] = string.Join(',', listed) + (report.Attention.Count > listed.Count ? ",..." : string.Empty),
        };
        return new OfficerNotice("DailyReminder", null, details, "reminder:" + day);
    }
}
