using System.CommandLine;
using System.Globalization;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary><c>gdpr report [--from --to]</c>: statistics of the requests received in a period.</summary>
public sealed class ReportCommand
{
    private readonly Option<string?> from = new("--from") { Description = "First day of the period by receipt (default: 30 days ago).", HelpName = "date" };
    private readonly Option<string?> to = new("--to") { Description = "Last day of the period (default: today).", HelpName = "date" };

    public Command Build(RunCommand run)
    {
        var command = new Command("report", "Statistics of the requests received in a period: by status, answered in time or late, open and overdue, extensions, per-system outcomes.")
        {
            from, to,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        await using var session = await Backend.OpenReadAsync(context, cancellationToken);
        var today = session.Today;
        var last = context.Value(to) is { } end ? Arguments.Day(end, "--to") : today;
        var first = context.Value(from) is { } start ? Arguments.Day(start, "--from") : last.AddDays(-29);
        if (last < first)
        {
            throw CliException.BadInput("--to is before --from.", "Give the period's first day with --from and its last with --to.");
        }

        var report = new Tally();
        foreach (var status in Enum.GetValues<RequestStatus>())
        {
            string? token = null;
            do
            {
                var page = await session.Requests.QueryByStatusAsync(status, 1000, token, cancellationToken);
                foreach (var request in page.Items)
                {
                    var receivedOn = session.Deadlines.Day(request.ReceivedAt);
                    if (receivedOn >= first && receivedOn <= last)
                    {
                        report.Add(request, session.Deadlines.Day, today);
                    }
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        var result = report.Result(first, last);
        if (context.Json)
        {
            context.Output.WriteJson(result);
            return ExitCodes.Ok;
        }

        context.Output.Line($"Requests received {CliOutput.Date(first)} to {CliOutput.Date(last)}: {result.Received}");
        context.Output.Fields(
        [
            ("Open", $"{result.Open} ({result.OverdueNow} overdue)"),
            ("Closed", $"{result.Closed} ({result.ClosedInTime} in time, {result.ClosedLate} late)"),
            ("Median days to close", result.MedianDaysToClose?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-"),
            ("Extended", result.Extended.ToString(CultureInfo.InvariantCulture)),
        ]);
        context.Output.Table(["Status", "Requests"], result.ByStatus.Select(p => (IReadOnlyList<string?>)[p.Key, p.Value.ToString(CultureInfo.InvariantCulture)]));
        if (result.Systems.Count > 0)
        {
            context.Output.Table(
                ["System", "Erased", "Not found", "Retained", "Failed", "Other"],
                result.Systems.Select(s => (IReadOnlyList<string?>)
                [
                    s.Key,
                    .. new[] { s.Value.Erased, s.Value.NotFound, s.Value.Retained, s.Value.Failed, s.Value.Other }.Select(n => n.ToString(CultureInfo.InvariantCulture)),
                ]));
        }

        return ExitCodes.Ok;
    }

    public sealed record SystemTally(int Erased, int NotFound, int Retained, int Failed, int Other);

    public sealed record Report(
        string From,
        string To,
        int Received,
        int Open,
        int OverdueNow,
        int Closed,
        int ClosedInTime,
        int ClosedLate,
        double? MedianDaysToClose,
        int Extended,
        IReadOnlyDictionary<string, int> ByStatus,
        IReadOnlyDictionary<string, SystemTally> Systems);

    private sealed class Tally
    {
        private readonly SortedDictionary<string, int> byStatus = new(StringComparer.Ordinal);
        private readonly SortedDictionary<string, int[]> systems = new(StringComparer.Ordinal);
        private readonly List<int> daysToClose = [];
        private int received;
        private int open;
        private int overdue;
        private int inTime;
        private int late;
        private int extended;

        public void Add(ErasureRequest request, Func<DateTimeOffset, DateOnly> day, DateOnly today)
        {
            received++;
            var name = request.Status.Name();
            byStatus[name] = byStatus.GetValueOrDefault(name) + 1;
            if (request.Deadline.Extensions.Count > 0)
            {
                extended++;
            }

            if (request.IsOpen)
            {
                open++;
                if (request.Deadline.DueDate is { } due && due < today)
                {
                    overdue++;
                }
            }
            else if (request.Outcome is { } outcome)
            {
                var closedOn = day(outcome.ClosedAt);
                daysToClose.Add(closedOn.DayNumber - day(request.ReceivedAt).DayNumber);
                if (request.Deadline.DueDate is { } due && closedOn > due)
                {
                    late++;
                }
                else
                {
                    inTime++;
                }
            }

            foreach (var system in request.Systems)
            {
                var counts = systems.TryGetValue(system.System, out var existing) ? existing : systems[system.System] = new int[5];
                counts[system.Status switch
                {
                    SystemErasureStatus.Erased => 0,
                    SystemErasureStatus.NotFound => 1,
                    SystemErasureStatus.Retained => 2,
                    SystemErasureStatus.Failed => 3,
                    _ => 4,
                }]++;
            }
        }

        public Report Result(DateOnly first, DateOnly last)
        {
            double? median = null;
            if (daysToClose.Count > 0)
            {
                var sorted = daysToClose.Order().ToList();
                median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2.0;
            }

            return new Report(
                CliOutput.Date(first),
                CliOutput.Date(last),
                received,
                open,
                overdue,
                inTime + late,
                inTime,
                late,
                median,
                extended,
                byStatus,
                systems.ToDictionary(p => p.Key, p => new SystemTally(p.Value[0], p.Value[1], p.Value[2], p.Value[3], p.Value[4]), StringComparer.Ordinal));
        }
    }
}
