using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Reliability.Scenarios.Hostile;
using Gdpr.Workflows.Reliability.Support;
using Gdpr.Workflows.TestSupport.Leaks;

namespace Gdpr.Workflows.Reliability.Scenarios;

/// <summary>
/// Issue #6 part 4: the real <c>gdpr serve</c> (child process, fresh data directory) is sent generated hostile input on
/// every route (malformed JSON, 10 MB bodies, 10,000-deep nesting, refused and look-alike identifiers, injection
/// strings, unknown fields, wrong types, wrong content types, huge headers, raw malformed requests), and the gdpr tool
/// is run with bad arguments. Every case must be a clear 4xx with an error body (the tool: exit 2 and a message),
/// nothing may be stored, the host must answer a health check after every batch, and no identifier may be persisted.
/// </summary>
public sealed class HostileInputScenario : IReliabilityScenario
{
    private const int BatchSize = 250;
    private const int ReportedFailures = 80;

    public string Name => "hostile-input";

    public async Task<ScenarioFigures> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        var httpInputs = options.Quick ? 3_000 : options.Soak ? 100_000 : 20_000;
        var cliInputs = options.Quick ? 30 : options.Soak ? 300 : 100;
        var failures = new ConcurrentQueue<string>();
        var lines = new List<string>();

        var home = Path.Combine(options.WorkDirectory, "hostile-http");
        var cases = new HttpCases();
        var httpCases = cases.Build(httpInputs);
        var clock = Stopwatch.StartNew();
        long tried = 0;
        int healthChecks = 0;
        await using (var serve = await ServeChildProcess.StartAsync(home, cancellationToken))
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 }) { Timeout = TimeSpan.FromSeconds(60) };
            var before = StoredRows.Count(home);
            foreach (var batch in httpCases.Chunk(BatchSize))
            {
                await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (input, ct) =>
                {
                    if (await input.CheckAsync(serve, http, ct) is { } failure)
                    {
                        failures.Enqueue(failure);
                    }

                    Interlocked.Increment(ref tried);
                });
                healthChecks++;
                if (!await serve.IsHealthyAsync(http, cancellationToken))
                {
                    failures.Enqueue($"the host stopped answering after {tried} inputs");
                    break;
                }
            }

            foreach (var raw in RawHttpCases.Requests)
            {
                if (await RawHttpCases.CheckAsync(serve.Url, serve.Tokens.Officer, raw, cancellationToken) is { } failure)
                {
                    failures.Enqueue(failure);
                }

                tried++;
            }

            healthChecks++;
            if (!await serve.IsHealthyAsync(http, cancellationToken))
            {
                failures.Enqueue("the host stopped answering after the raw requests");
            }

            var after = StoredRows.Count(home);
            if (after != before)
            {
                failures.Enqueue($"refused input was stored: before {before}, after {after}");
            }

            lines.Add($"http: {tried} inputs on {httpCases.Select(c => c.Kind).Distinct().Count()} kinds, every one a 4xx with an error body; {healthChecks} health checks; stored before/after: {after.Requests} requests, {after.AuditEvents} audit events ({clock.Elapsed.TotalSeconds:0.0} s)");
        }

        var logInjections = File.ReadLines(Path.Combine(home, "serve.log")).Count(l => !l.StartsWith("gdpr serve", StringComparison.Ordinal) && l.Length > 0 && !IsStartupLine(l));
        if (logInjections > 0)
        {
            failures.Enqueue($"the serve log has {logInjections} lines it did not write itself (log injection)");
        }

        clock.Restart();
        var cliHome = Path.Combine(options.WorkDirectory, "hostile-cli");
        var cliCases = CliCases.Build(cliInputs);
        var cliTried = 0;
        await Parallel.ForEachAsync(cliCases, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (arguments, ct) =>
        {
            var run = await CliChildProcess.RunAsync(cliHome, arguments, TimeSpan.FromSeconds(60), ct);
            Interlocked.Increment(ref cliTried);
            if (CheckCli(arguments, run) is { } failure)
            {
                failures.Enqueue(failure);
            }
        });
        var cliRows = StoredRows.Count(cliHome);
        if (cliRows.Requests + cliRows.AuditEvents + cliRows.VaultRecords + cliRows.Executions > 0)
        {
            failures.Enqueue($"refused command lines stored something: {cliRows}");
        }

        lines.Add($"cli: {cliTried} bad command lines, each exit 2 with a message; nothing stored ({clock.Elapsed.TotalSeconds:0.0} s)");

        var identifiers = cases.Identifiers.Concat(CliIdentifiers).ToList();
        var hits = PersistedBytesScanner.Scan(home, identifiers).Concat(PersistedBytesScanner.Scan(cliHome, identifiers)).ToList();
        var (files, bytes) = PersistedBytesScanner.Coverage(home);
        lines.Add($"leak scan: {identifiers.Count} identifiers over {files} files, {bytes / 1024} KiB: {hits.Count} hits");
        foreach (var hit in hits.Take(5))
        {
            failures.Enqueue($"leak: {hit.Form} of a refused identifier in {Path.GetFileName(hit.File)} at {hit.Offset}");
        }

        var all = failures.ToList();
        var reported = all.Take(ReportedFailures).ToList();
        if (all.Count > ReportedFailures)
        {
            reported.Add($"... and {all.Count - ReportedFailures} more");
        }

        return new ScenarioFigures
        {
            Inputs = tried + cliTried,
            Leaks = hits.Count,
            Lines = lines,
            Failures = reported,
        };
    }

    private static readonly string[] CliIdentifiers = ["cli-1@example.com", "cli-2@example.com", "cli-3@example.com", "cli-4@example.com"];

    // What `gdpr serve` prints once at start: the curl hint, the console's sign-in link and its explanation, the Step
    // Functions API's address, and how to stop it.
    private static bool IsStartupLine(string line) => line.StartsWith("Try: curl", StringComparison.Ordinal) || line.StartsWith("Stop with", StringComparison.Ordinal)
        || line.StartsWith("Console: http://127.0.0.1:", StringComparison.Ordinal) || line.StartsWith("  (a one-time officer sign-in link", StringComparison.Ordinal)
        || line.StartsWith("Step Functions API: http://127.0.0.1:", StringComparison.Ordinal);

    private static string? CheckCli(string[] arguments, CliResult run)
    {
        var shown = string.Join(' ', arguments.Select(a => a.Length > 40 ? a[..40] + "..." : a)).ReplaceLineEndings(" ");
        if (run.TimedOut)
        {
            return $"cli: gdpr {shown} did not finish";
        }

        if (run.ExitCode != 2)
        {
            return $"cli: gdpr {shown} exited {run.ExitCode.ToString(CultureInfo.InvariantCulture)}, not 2: {run.Error.Split('\n')[0]}";
        }

        if (!run.Error.StartsWith("gdpr: ", StringComparison.Ordinal) || run.Error.Trim().Length < 15)
        {
            return $"cli: gdpr {shown} exited 2 without a message saying what was wrong";
        }

        if (arguments.Contains("--json"))
        {
            var last = run.Out.TrimEnd().Split('\n')[^1];
            try
            {
                if (JsonNode.Parse(last)?["error"]?["code"]?.GetValue<string>() != "bad_input")
                {
                    return $"cli: gdpr {shown} --json did not print an error object with code bad_input";
                }
            }
            catch (System.Text.Json.JsonException)
            {
                return $"cli: gdpr {shown} --json printed no JSON error: {last}";
            }
        }

        return null;
    }
}
