using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// A function's daily schedule from its <c>Schedule</c> or <c>ScheduleV2</c> event: <c>cron(M H * * ? *)</c> in
/// <c>ScheduleExpressionTimezone</c> (UTC when absent), which the local host runs as EventBridge Scheduler would.
/// </summary>
public sealed partial record SamSchedule(string FunctionLogicalId, string FunctionArn, string EventName, TimeOnly At, TimeZoneInfo TimeZone)
{
    /// <summary>
    /// The daily schedules of <paramref name="template"/>'s functions. Any other schedule (rates, weekdays, days of the
    /// month) is named in <paramref name="unsupported"/> rather than dropped silently: the local host says it will not run it.
    /// </summary>
    public static IReadOnlyList<SamSchedule> Read(SamTemplate template, out IReadOnlyList<string> unsupported)
    {
        ArgumentNullException.ThrowIfNull(template);
        var schedules = new List<SamSchedule>();
        var skipped = new List<string>();
        foreach (var function in template.Functions.Values.OrderBy(f => f.LogicalId, StringComparer.Ordinal))
        {
            if (function.Events is not JsonObject events)
            {
                continue;
            }

            foreach (var (name, node) in events)
            {
                if (node is not JsonObject { } e || e["Type"]?.GetValue<string>() is not ("Schedule" or "ScheduleV2"))
                {
                    continue;
                }

                var properties = e["Properties"] as JsonObject;
                var expression = properties?["ScheduleExpression"]?.GetValue<string>() ?? properties?["Schedule"]?.GetValue<string>() ?? "";
                var zoneId = properties?["ScheduleExpressionTimezone"]?.GetValue<string>() ?? "UTC";
                var match = DailyCron().Match(expression);
                if (!match.Success || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
                {
                    skipped.Add($"{function.LogicalId}.{name}: {expression} ({zoneId})");
                    continue;
                }

                var at = new TimeOnly(int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture));
                schedules.Add(new SamSchedule(function.LogicalId, function.Arn, name, at, zone));
            }
        }

        unsupported = skipped;
        return schedules;
    }

    /// <summary>The day this schedule is due on at <paramref name="now"/> (its time zone's date), or null before its time of day.</summary>
    public DateOnly? DueDay(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone);
        return TimeOnly.FromDateTime(local.DateTime) >= At ? DateOnly.FromDateTime(local.DateTime) : null;
    }

    /// <summary>Every day at one time: minutes and hours fixed, every day of the month, month and year.</summary>
    [GeneratedRegex(@"^cron\((?<minute>[0-5]?\d) (?<hour>[01]?\d|2[0-3]) \* \* \? \*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex DailyCron();
}
