using System.Globalization;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.WebConsole.Pages;

/// <summary>How dates, days left and states read on the pages.</summary>
public static class Formats
{
    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>The days-left class: ok (10 or more), soon (under 10), urgent (under 5), overdue; none without a date.</summary>
    public static string DaysClass(int? daysLeft) => daysLeft switch
    {
        null => "days-none",
        < 0 => "days-overdue",
        < 5 => "days-urgent",
        < 10 => "days-soon",
        _ => "days-ok",
    };

    public static string DaysText(int? daysLeft) => daysLeft switch
    {
        null => "no deadline running",
        < 0 => $"{-daysLeft} day{(daysLeft == -1 ? string.Empty : "s")} overdue",
        0 => "due today",
        1 => "1 day left",
        _ => $"{daysLeft} days left",
    };

    /// <summary>Days left while open (negative once overdue); null when closed or the clock is stopped.</summary>
    public static int? DaysLeft(ErasureRequest request, DateOnly today) =>
        request.IsOpen && request.Deadline.DueDate is { } due ? due.DayNumber - today.DayNumber : null;

    /// <summary>"2 failed, 1 waiting" for the queue's systems column.</summary>
    public static string Systems(ErasureRequest request)
    {
        if (request.Systems.Count == 0)
        {
            return "-";
        }

        var groups = request.Systems.GroupBy(s => s.Status switch
        {
            SystemErasureStatus.Erased or SystemErasureStatus.NotFound => "done",
            SystemErasureStatus.Retained => "retained",
            SystemErasureStatus.Failed => Queue.QueueQuery.IsNoResponse(s.LastError) ? "not responding" : "failed",
            SystemErasureStatus.Skipped => "skipped",
            _ => "waiting",
        });
        return string.Join(", ", groups.Select(g => $"{g.Count()} {g.Key}"));
    }

    /// <summary>"AwaitingVerification" as "Awaiting verification".</summary>
    public static string Words(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append(' ').Append(char.ToLowerInvariant(name[i]));
            }
            else
            {
                text.Append(name[i]);
            }
        }

        return text.ToString();
    }
}
