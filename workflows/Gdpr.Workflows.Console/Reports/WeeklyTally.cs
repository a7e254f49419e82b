using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.WebConsole.Queue;

namespace Gdpr.Workflows.WebConsole.Reports;

/// <summary>One week (Monday first) of the report: requests received, and requests closed, that week.</summary>
public sealed record WeekCounts(DateOnly Monday, int Received, int Closed);

/// <summary>A system's outcomes over the period's requests: failures and silences against every answer recorded.</summary>
public sealed record SystemRates(string System, int Reported, int Failed, int NoResponse)
{
    public double FailureRate => Reported == 0 ? 0 : (double)Failed / Reported;

    public double NoResponseRate => Reported == 0 ? 0 : (double)NoResponse / Reported;
}

/// <summary>
/// What the report's charts add to <c>gdpr report</c>'s figures: the weekly series and the per-system failure and
/// no-response rates, read the way the report reads (every status's listing, requests received in the period).
/// </summary>
public static class WeeklyTally
{
    public static async Task<(IReadOnlyList<WeekCounts> Weeks, IReadOnlyList<SystemRates> Systems)> ComputeAsync(
        IRequestStore requests, Func<DateTimeOffset, DateOnly> day, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var start = Monday(first);
        var weeks = (Monday(last).DayNumber - start.DayNumber) / 7 + 1;
        var received = new int[weeks];
        var closed = new int[weeks];
        var systems = new SortedDictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var status in Enum.GetValues<RequestStatus>())
        {
            string? token = null;
            do
            {
                var page = await requests.QueryByStatusAsync(status, IRequestStore.MaxPageSize, token, cancellationToken);
                foreach (var request in page.Items)
                {
                    var receivedOn = day(request.ReceivedAt);
                    if (receivedOn >= first && receivedOn <= last)
                    {
                        received[(receivedOn.DayNumber - start.DayNumber) / 7]++;
                        foreach (var system in request.Systems.Where(s => s.Status is not (SystemErasureStatus.Pending or SystemErasureStatus.Skipped)))
                        {
                            var counts = systems.TryGetValue(system.System, out var found) ? found : systems[system.System] = new int[3];
                            counts[0]++;
                            if (system.Status == SystemErasureStatus.Failed)
                            {
                                counts[QueueQuery.IsNoResponse(system.LastError) ? 2 : 1]++;
                            }
                        }
                    }

                    if (request.Outcome is { } outcome && day(outcome.ClosedAt) is var closedOn && closedOn >= first && closedOn <= last)
                    {
                        closed[(closedOn.DayNumber - start.DayNumber) / 7]++;
                    }
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return (
            Enumerable.Range(0, weeks).Select(w => new WeekCounts(start.AddDays(7 * w), received[w], closed[w])).ToList(),
            systems.Select(p => new SystemRates(p.Key, p.Value[0], p.Value[1], p.Value[2])).ToList());
    }

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
