using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Reliability.Hosting;

namespace Gdpr.Workflows.Reliability.Scenarios;

/// <summary>
/// Issue #6, part 2 (and part 5 for it): many requests submitted at once through the local HTTP API of the real host
/// (<c>gdpr serve</c>). None may be refused for load (the host must slow down, not fail), none lost (every accepted id
/// is found afterwards); the report prints throughput, submit latency (p50/p99) and the time until every request is
/// final, then verifies the audit chains and scans the data directory for the submitted identifiers.
/// </summary>
internal sealed class LoadScenario : IReliabilityScenario
{
    public string Name => "load";

    public async Task<ScenarioFigures> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        var size = options.Quick ? new LoadSize(1_000, 64, TimeSpan.FromSeconds(90))
            : options.Soak ? new LoadSize(50_000, 256, TimeSpan.FromMinutes(60))
            : new LoadSize(10_000, 256, TimeSpan.FromMinutes(15));
        var directory = Path.Combine(options.WorkDirectory, "load");
        Directory.CreateDirectory(directory);
        var home = GdprHome.At(Path.Combine(directory, "home")).EnsureCreated();
        var template = RepositoryTemplate.Find();
        await using var host = new ServeHost(home.Directory, Registries.SyncOnly(directory, template), template);
        using var api = new ApiClient(host, size.InFlight, TimeSpan.FromMinutes(5));
        var lines = new List<string>();
        var failures = new List<string>();
        await host.StartAsync(cancellationToken);

        var run = Guid.NewGuid().ToString("N")[..6];
        var identifiers = Enumerable.Range(0, size.Requests)
            .Select(i => (Email: string.Create(CultureInfo.InvariantCulture, $"load.{run}.{i}@example.org"), CustomerId: string.Create(CultureInfo.InvariantCulture, $"L{run}-{i:D6}")))
            .ToList();
        var submitted = await SubmitAsync(api, identifiers, size, cancellationToken);
        lines.Add(submitted.Describe(size));
        failures.AddRange(submitted.Refusals.Take(5));
        if (submitted.Refused > 0)
        {
            failures.Add($"{submitted.Refused} of {size.Requests} submissions refused or failed under load (back-pressure must queue, not refuse)");
        }

        var drain = await DrainAsync(api, submitted.Ids.Count, size.DrainLimit, cancellationToken);
        lines.Add(drain.Open == 0
            ? string.Create(CultureInfo.InvariantCulture, $"drained: all {submitted.Ids.Count} requests final {drain.Elapsed.TotalSeconds:0.0} s after the last submission ({submitted.Ids.Count / (submitted.Elapsed + drain.Elapsed).TotalSeconds:0.0} requests/s end to end)")
            : string.Create(CultureInfo.InvariantCulture, $"not drained within {size.DrainLimit.TotalSeconds:0} s: {drain.Open} of {submitted.Ids.Count} requests still open (all accepted and started)"));

        var (notFound, statuses) = await FindAllAsync(api, submitted.Ids, size.InFlight, cancellationToken);

        // A request still open when the bound passes never reached the requester's answer in time: it counts as lost.
        var lost = notFound + drain.Open;
        lines.Add($"found afterwards: {submitted.Ids.Count - notFound} of {submitted.Ids.Count} accepted ids; " + string.Join(", ", statuses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}")));
        if (notFound > 0)
        {
            failures.Add($"{notFound} accepted request(s) not found afterwards");
        }

        if (drain.Open > 0)
        {
            failures.Add($"{drain.Open} accepted request(s) not final within {size.DrainLimit.TotalSeconds:0} s: counted as lost");
        }

        await host.StopAsync();
        var (exit, output) = await GdprCommand.RunAsync(home.Directory, ["audit", "verify", "--all", "--json"], cancellationToken);
        var chains = JsonNode.Parse(output.Trim().Split('\n')[^1]);
        var checkedChains = chains?["requests"]?.GetValue<int>() ?? 0;
        var broken = (chains?["broken"] as JsonArray)?.Count ?? 0;
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"audit: {checkedChains} chains, {chains?["events"]?.GetValue<int>()} events: {broken} broken (exit {exit})"));
        if (checkedChains != submitted.Ids.Count)
        {
            failures.Add($"gdpr audit verify --all checked {checkedChains} chains for {submitted.Ids.Count} requests");
        }

        var scan = Stopwatch.StartNew();
        var leaks = LeakAudit.Scan(home.Directory, identifiers.SelectMany(i => new[] { i.Email, i.CustomerId }).ToList());
        lines.Add(leaks.Describe(home.Directory) + string.Create(CultureInfo.InvariantCulture, $" in {scan.Elapsed.TotalSeconds:0.0} s; largest: {LeakAudit.Largest(home.Directory, 3)}"));
        if (leaks.Leaks.Count > 0)
        {
            failures.Add($"{leaks.Leaks.Count} raw identifier(s) persisted");
        }

        return new ScenarioFigures
        {
            Requests = size.Requests,
            Lost = lost, // a refused submission is not lost (the client knows), but it fails the report above
            Summary = [submitted.Summary(size, lost)],
            ChainsVerified = Math.Max(0, submitted.Ids.Count - broken),
            ChainsTotal = submitted.Ids.Count,
            Leaks = leaks.Leaks.Count,
            Lines = lines,
            Failures = failures,
        };
    }

    /// <summary>Submits every request at once, <see cref="LoadSize.InFlight"/> at a time, timing each.</summary>
    private static async Task<Submission> SubmitAsync(ApiClient api, List<(string Email, string CustomerId)> identifiers, LoadSize size, CancellationToken cancellationToken)
    {
        var ids = new ConcurrentBag<string>();
        var latencies = new ConcurrentBag<double>();
        var refusals = new ConcurrentQueue<string>();
        var refused = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, identifiers.Count), new ParallelOptions { MaxDegreeOfParallelism = size.InFlight, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var body = new JsonObject
            {
                ["identifiers"] = new JsonArray(
                    new JsonObject { ["kind"] = "email", ["value"] = identifiers[i].Email },
                    new JsonObject { ["kind"] = "customer_id", ["value"] = identifiers[i].CustomerId }),
                ["channel"] = "portal",
                ["requesterAuthenticated"] = true,
                ["idempotencyKey"] = string.Create(CultureInfo.InvariantCulture, $"load-{i}"),
            };
            var started = Stopwatch.GetTimestamp();
            string? problem;
            try
            {
                var answer = await api.PostAsync("requests", ApiRole.Officer, body, ct);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (answer.Status == 201 && answer.Text("requestId") is { } id)
                {
                    ids.Add(id);
                    return;
                }

                problem = $"submission {i} answered {answer.Status} {answer.ErrorCode}: {answer.Body?["error"]?["message"]}";
            }
            catch (HostDownException e)
            {
                problem = $"submission {i} failed: {e.Message}";
            }

            Interlocked.Increment(ref refused);
            if (refusals.Count < 5)
            {
                refusals.Enqueue(problem);
            }
        });
        return new Submission([.. ids], [.. latencies.Order()], refused, [.. refusals], clock.Elapsed);
    }

    /// <summary>Waits until no request is open (the open list is empty) or the limit passes.</summary>
    private static async Task<(int Open, TimeSpan Elapsed)> DrainAsync(ApiClient api, int accepted, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var open = accepted;
        while (clock.Elapsed < limit)
        {
            open = await CountOpenAsync(api, cancellationToken);
            if (open == 0)
            {
                break;
            }

            await Task.Delay(1000, cancellationToken);
        }

        return (open, clock.Elapsed);
    }

    /// <summary>The open requests, counted over the pages of GET /requests.</summary>
    private static async Task<int> CountOpenAsync(ApiClient api, CancellationToken cancellationToken)
    {
        var open = 0;
        string? next = null;
        do
        {
            var page = await api.GetAsync("requests?pageSize=1000" + (next is null ? string.Empty : "&next=" + Uri.EscapeDataString(next)), ApiRole.Officer, cancellationToken);
            if (!page.Ok)
            {
                throw new InvalidOperationException($"GET /requests answered {page.Status} {page.ErrorCode}.");
            }

            open += (page.Body?["items"] as JsonArray)?.Count ?? 0;
            next = page.Text("next");
        }
        while (next is not null);
        return open;
    }

    /// <summary>Looks every accepted id up; returns how many were not found and the statuses of the others.</summary>
    private static async Task<(int Lost, Dictionary<string, int> Statuses)> FindAllAsync(ApiClient api, IReadOnlyList<string> ids, int inFlight, CancellationToken cancellationToken)
    {
        var lost = 0;
        var statuses = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(inFlight, 32), CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var answer = await api.GetAsync($"requests/{id}", ApiRole.Officer, ct);
            if (answer.Ok && RequestStatuses.TryParse(answer.Text("status"), out var status))
            {
                statuses.AddOrUpdate(status.Name(), 1, (_, n) => n + 1);
            }
            else
            {
                Interlocked.Increment(ref lost);
            }
        });
        return (lost, new Dictionary<string, int>(statuses, StringComparer.Ordinal));
    }

    /// <param name="Requests">Submitted at once.</param>
    /// <param name="InFlight">Submissions in flight at any moment.</param>
    /// <param name="DrainLimit">How long to wait for every request to be final.</param>
    private sealed record LoadSize(int Requests, int InFlight, TimeSpan DrainLimit);

    private sealed record Submission(IReadOnlyList<string> Ids, IReadOnlyList<double> LatenciesMs, int Refused, IReadOnlyList<string> Refusals, TimeSpan Elapsed)
    {
        public string Describe(LoadSize size) => LatenciesMs.Count == 0
            ? "no submission answered"
            : string.Create(CultureInfo.InvariantCulture,
                $"submitted {size.Requests} at once ({size.InFlight} in flight): {Ids.Count} accepted, {Refused} refused, in {Elapsed.TotalSeconds:0.0} s = {Ids.Count / Elapsed.TotalSeconds:0.0} requests/s; "
                + $"submit latency p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms, max {LatenciesMs[^1]:0} ms");

        /// <summary>The report's <c>load: N requests, S requests/s, submit p99 P ms, lost L</c> (S: accepted submissions per second of the burst).</summary>
        public string Summary(LoadSize size, int lost) => string.Create(CultureInfo.InvariantCulture,
            $"load: {size.Requests} requests, {Ids.Count / Elapsed.TotalSeconds:0.0} requests/s, submit p99 {(LatenciesMs.Count == 0 ? 0 : Percentile(0.99)):0} ms, lost {lost}");

        private double Percentile(double p) => LatenciesMs[Math.Min(LatenciesMs.Count - 1, (int)Math.Ceiling(p * LatenciesMs.Count) - 1)];
    }
}
