using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Reliability.Hosting;
using Gdpr.Workflows.Samples;
using Gdpr.Workflows.Samples.Seeding;
using Gdpr.Workflows.Samples.SupportDesk;

namespace Gdpr.Workflows.Reliability.Scenarios;

/// <summary>
/// Issue #6, part 1 (and part 5 for it): the real host (<c>gdpr serve</c>, a child process) erases customers of five
/// sample systems (one flaky, one async answered through the API) while it is killed with SIGKILL at random moments
/// and started again. Afterwards every request must be final, every system's data of every subject gone or lawfully
/// retained, every erasure applied once per request, every audit chain intact, and no raw identifier or task token
/// left in the data directory or the host's logs.
/// </summary>
internal sealed class CrashStormScenario : IReliabilityScenario
{
    /// <summary>Environment variable that fixes the storm's seed (the report prints the seed it used).</summary>
    public const string SeedVariable = "GDPR_RELIABILITY_SEED";

    public string Name => "crash-storm";

    public async Task<ScenarioFigures> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        var size = options.Quick ? new StormSize(40, 6, 20, TimeSpan.FromSeconds(150))
            : options.Soak ? new StormSize(1000, 60, 100, TimeSpan.FromMinutes(30))
            : new StormSize(200, 20, 40, TimeSpan.FromMinutes(8));
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), CultureInfo.InvariantCulture, out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        var run = new StormRun(options, size, seed);
        await using (run)
        {
            return await run.ExecuteAsync(cancellationToken);
        }
    }

    /// <param name="Requests">Customers asked to be erased.</param>
    /// <param name="Kills">SIGKILLs of the host.</param>
    /// <param name="Bystanders">Customers who ask nothing: their data must stay.</param>
    /// <param name="Limit">How long the requests may take to become final after the last kill.</param>
    private sealed record StormSize(int Requests, int Kills, int Bystanders, TimeSpan Limit);

    /// <summary>One storm: its data directory, host, clients and what they saw.</summary>
    private sealed class StormRun : IAsyncDisposable
    {
        private readonly StormSize size;
        private readonly int seed;
        private readonly Random random;
        private readonly string directory;
        private readonly GdprHome home;
        private readonly string template;
        private readonly string registry;
        private readonly ServeHost host;
        private readonly ApiClient api;
        private readonly HttpTaskCallbacks callbacks;
        private readonly ConcurrentDictionary<int, string> requestIds = new();
        private readonly ConcurrentDictionary<string, string> finalStatus = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> verified = new(StringComparer.Ordinal);
        private readonly List<string> failures = [];
        private readonly List<string> lines = [];
        private readonly List<string> killMoments = [];
        private readonly Stopwatch clock = new();
        private int submitRetries;
        private int deskRounds;

        public StormRun(ReliabilityOptions options, StormSize size, int seed)
        {
            this.size = size;
            this.seed = seed;
            random = new Random(seed);
            directory = Path.Combine(options.WorkDirectory, "crash-storm");
            Directory.CreateDirectory(directory);
            home = GdprHome.At(Path.Combine(directory, "home")).EnsureCreated();
            template = RepositoryTemplate.Find();
            registry = Registries.WithFlakySystem(directory, template);
            host = new ServeHost(home.Directory, registry, template);
            api = new ApiClient(host, maxConnections: 32, TimeSpan.FromSeconds(30));
            callbacks = new HttpTaskCallbacks(api, "support-desk");
        }

        private SampleSystems Systems { get; set; } = null!;

        private IReadOnlyList<SampleCustomer> Customers { get; set; } = [];

        public async Task<ScenarioFigures> ExecuteAsync(CancellationToken cancellationToken)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed} ({SeedVariable}={seed} repeats it): {size.Requests} requests over 5 systems (loyalty flaky, support-desk async), {size.Kills} SIGKILLs"));
            await SeedSamplesAsync(cancellationToken);
            clock.Start();
            await host.StartAsync(cancellationToken);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var workers = new[]
            {
                Task.Run(() => OfficerAsync(stop.Token), CancellationToken.None),
                Task.Run(() => SupportDeskAsync(stop.Token), CancellationToken.None),
            };
            int crashes;
            TimeSpan lastKill, drained;
            bool settled;
            try
            {
                var submitting = Task.Run(() => SubmitAllAsync(cancellationToken), CancellationToken.None);
                crashes = await CrashRepeatedlyAsync(cancellationToken);
                await submitting;
                lastKill = clock.Elapsed;
                settled = await WaitUntilFinalAsync(size.Limit, cancellationToken);
                drained = clock.Elapsed;
            }
            catch
            {
                await stop.CancelAsync(); // the officer and the desk stop with the run
                throw;
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"kills at {string.Join(", ", killMoments)}; restarts took {Median(host.StartTimes):0.0} s median, {host.StartTimes.Max().TotalSeconds:0.0} s max"));
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"all {requestIds.Count} requests submitted ({submitRetries} submission attempts repeated while the host was down); {finalStatus.Count} final {(settled ? "" : "(NOT ALL) ")}"
                + $"{(drained - lastKill).TotalSeconds:0.0} s after the last kill, {drained.TotalSeconds:0.0} s in all"));

            var (answers, tokensInAnswers) = await ReadStatusAndHistoryAsync(cancellationToken);
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            await host.StopAsync();

            var lost = size.Requests - requestIds.Count + requestIds.Values.Count(id => !finalStatus.ContainsKey(id));
            if (lost > 0)
            {
                failures.Add($"{lost} request(s) did not reach a final status (or were never accepted)");
            }

            lines.Add("final statuses: " + string.Join(", ", finalStatus.Values.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")));
            foreach (var group in finalStatus.Where(p => p.Value is not ("Completed" or "CompletedWithExceptions")).Take(5))
            {
                failures.Add($"request {group.Key} ended {group.Value}, not completed");
            }

            await CheckSystemsAsync(cancellationToken);
            var (duplicates, duplicateDeliveries) = await CountDuplicateEffectsAsync(cancellationToken);
            var (chainsVerified, chainsTotal) = await VerifyChainsAsync(cancellationToken);
            var leaks = ScanForLeaks(answers, tokensInAnswers);
            return new ScenarioFigures
            {
                Crashes = crashes,
                Requests = size.Requests,
                Lost = lost,
                DuplicateEffects = duplicates,
                DuplicateDeliveries = duplicateDeliveries,
                ChainsVerified = chainsVerified,
                ChainsTotal = chainsTotal,
                Leaks = leaks,
                Lines = lines,
                Failures = failures,
            };
        }

        public async ValueTask DisposeAsync()
        {
            await host.DisposeAsync();
            api.Dispose();
        }

        private static double Median(List<TimeSpan> times) => times.Count == 0 ? 0 : times.Order().ElementAt(times.Count / 2).TotalSeconds;

        /// <summary>Seeds the five systems in the data directory the host will open (same folder and key as the host's).</summary>
        private async Task SeedSamplesAsync(CancellationToken cancellationToken)
        {
            var key = SecretFile.ReadOrCreate(Path.Combine(home.Directory, LocalDefaults.MarketingKeyFile), 32);
            Systems = new SampleSystems(Path.Combine(home.Directory, LocalDefaults.SamplesFolder), key, TimeProvider.System);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var everyone = await Systems.SeedAsync(size.Requests + size.Bystanders, seed, today, cancellationToken);
            await Systems.Loyalty.EnrolAsync(everyone, today, cancellationToken);
            Customers = everyone;
        }

        /// <summary>Kills the host at random moments, starting it again each time; returns the kills.</summary>
        private async Task<int> CrashRepeatedlyAsync(CancellationToken cancellationToken)
        {
            for (var kill = 0; kill < size.Kills; kill++)
            {
                await Task.Delay(random.Next(300, 2500), cancellationToken);
                host.Kill();
                killMoments.Add(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:0.0}s"));
                await Task.Delay(random.Next(0, 400), cancellationToken);
                await host.StartAsync(cancellationToken);
            }

            return size.Kills;
        }

        /// <summary>Submits every request (half from an authenticated channel, half to be verified by an officer), retrying through crashes with the same key.</summary>
        private async Task SubmitAllAsync(CancellationToken cancellationToken)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, size.Requests), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var customer = Customers[i];
                var body = new JsonObject
                {
                    ["identifiers"] = new JsonArray(customer.IntakeIdentifiers().Select(id => (JsonNode)new JsonObject { ["kind"] = id.Kind, ["value"] = id.Value }).ToArray()),
                    ["channel"] = "web-form",
                    ["requesterAuthenticated"] = i % 2 == 0,
                    ["idempotencyKey"] = string.Create(CultureInfo.InvariantCulture, $"storm-{seed}-{i}"),
                };
                var answer = await UntilAnsweredAsync(() => api.PostAsync("requests", ApiRole.Officer, body, ct), retried: () => Interlocked.Increment(ref submitRetries), ct);
                if (answer.Ok && answer.Text("requestId") is { } id)
                {
                    requestIds[i] = id;
                }
                else
                {
                    lock (failures)
                    {
                        failures.Add($"submission {i} answered {answer.Status} {answer.ErrorCode}");
                    }
                }
            });
        }

        /// <summary>The officer: verifies the identity of every request that waits for it.</summary>
        private async Task OfficerAsync(CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var waiting = await api.GetAsync("requests?status=AwaitingVerification&pageSize=100", ApiRole.Officer, cancellationToken);
                    foreach (var item in (waiting.Body?["items"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        var id = item["requestId"]!.GetValue<string>();
                        var decision = await api.PostAsync($"requests/{id}/verification", ApiRole.Officer,
                            new JsonObject { ["verified"] = true, ["method"] = "id-document" }, cancellationToken);
                        if (decision.Ok || decision.Status == 409)
                        {
                            verified.TryAdd(id, 0);
                        }
                        else if (decision.Status is >= 400 and < 500)
                        {
                            // A refusal is not a crash to wait out: say so (the officer is the token's caller, the body only the decision).
                            Note("officer", new InvalidOperationException($"the decision on {id} answered {decision.Status} {decision.ErrorCode}"));
                        }
                    }

                    await Task.Delay(300, cancellationToken);
                }
                catch (HostDownException)
                {
                    await Pause(cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    Note("officer", e);
                    await Pause(cancellationToken);
                }
            }
        }

        /// <summary>
        /// The support desk's adapter, outside the host: works through the tasks the desk received, reading the
        /// subject from the vault and answering through the HTTP callback API with the system token.
        /// </summary>
        private async Task SupportDeskAsync(CancellationToken cancellationToken)
        {
            await using var reader = await LocalHost.StartAsync(new LocalHostOptions { Home = home, RunEngine = false, TemplatePath = template, RegistryPath = registry }, cancellationToken);
            var subjects = new VaultSubjectSource(reader.Services.Vault);
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await Systems.SupportDesk.ProcessPendingAsync(callbacks, subjects, cancellationToken);
                    Interlocked.Increment(ref deskRounds);
                    await Task.Delay(250, cancellationToken);
                }
                catch (HostDownException)
                {
                    await Pause(cancellationToken);
                }
                catch (Erasure.Ports.TransientConnectorException)
                {
                    await Pause(cancellationToken); // the desk's file was busy (the host was adding a task): next round
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    Note("support desk", e);
                    await Pause(cancellationToken);
                }
            }
        }

        /// <summary>An unexpected error of a worker: shown in the report (the first few), and the worker goes on; a request it leaves undone is caught as not final.</summary>
        private void Note(string worker, Exception e)
        {
            lock (failures)
            {
                if (lines.Count(l => l.StartsWith(worker + " round failed", StringComparison.Ordinal)) < 3)
                {
                    lines.Add($"{worker} round failed: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        /// <summary>Polls each request not yet final until all are (true) or the limit passes (false).</summary>
        private async Task<bool> WaitUntilFinalAsync(TimeSpan limit, CancellationToken cancellationToken)
        {
            var until = clock.Elapsed + limit;
            while (clock.Elapsed < until)
            {
                foreach (var id in requestIds.Values.Where(id => !finalStatus.ContainsKey(id)).ToList())
                {
                    try
                    {
                        var status = await api.GetAsync($"requests/{id}", ApiRole.Officer, cancellationToken);
                        if (status.Ok && RequestStatuses.TryParse(status.Text("status"), out var parsed) && parsed.IsFinal())
                        {
                            finalStatus[id] = parsed.Name();
                        }
                    }
                    catch (HostDownException)
                    {
                        await Pause(cancellationToken);
                    }
                }

                if (finalStatus.Count == requestIds.Count && requestIds.Count == size.Requests)
                {
                    return true;
                }

                await Task.Delay(500, cancellationToken);
            }

            return false;
        }

        /// <summary>Reads every request's status and history as an officer and an auditor would; returns the texts and the task tokens found in them.</summary>
        private async Task<(List<string> Answers, int TokenHits)> ReadStatusAndHistoryAsync(CancellationToken cancellationToken)
        {
            var answers = new List<string>();
            var duplicatedEvents = 0;
            var checkedEvents = 0;
            foreach (var id in requestIds.Values)
            {
                var status = await UntilAnsweredAsync(() => api.GetAsync($"requests/{id}", ApiRole.Officer, cancellationToken), null, cancellationToken);
                var history = await UntilAnsweredAsync(() => api.GetAsync($"requests/{id}/history", ApiRole.Auditor, cancellationToken), null, cancellationToken);
                answers.Add(status.Body?.ToJsonString() ?? string.Empty);
                answers.Add(history.Body?.ToJsonString() ?? string.Empty);
                var (duplicated, checkedHere) = DuplicatedOutcomes(history.Body);
                duplicatedEvents += duplicated;
                checkedEvents += checkedHere;
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture, $"history: {checkedEvents} once-only events (received, started, verified, per-system outcome, completed, shredded): {duplicatedEvents} recorded twice"));

            if (duplicatedEvents > 0)
            {
                failures.Add($"{duplicatedEvents} system outcome(s) recorded more than once in the audit history");
            }

            return (answers, LeakAudit.TokenHits(host.LogDirectory, callbacks.TokensSeen.Keys.ToList(), answers));
        }

        /// <summary>Events a request has once at most (per system for the system outcomes): a replayed step must not record them again.</summary>
        private static readonly HashSet<string> OnceOnly = new(StringComparer.Ordinal)
        {
            "RequestReceived", "RequestStarted", "IdentityVerified", "RequestCompleted", "SubjectsShredded", "SystemErased", "SystemErasureFailed", "SystemDidNotRespond",
        };

        /// <summary>Events of <see cref="OnceOnly"/> types found more than once (per system), and how many such events there were.</summary>
        private static (int Duplicates, int Checked) DuplicatedOutcomes(JsonNode? history)
        {
            var events = (history?["events"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(e => (Type: e["type"]?.GetValue<string>() ?? string.Empty, System: e["system"]?.GetValue<string>()))
                .Where(e => OnceOnly.Contains(e.Type))
                .ToList();
            return (events.GroupBy(e => e).Sum(g => g.Count() - 1), events.Count);
        }

        /// <summary>Every requester's data is gone from every system (or kept lawfully); every bystander's data is still there.</summary>
        private async Task CheckSystemsAsync(CancellationToken cancellationToken)
        {
            var remaining = 0;
            var retained = 0;
            for (var i = 0; i < size.Requests; i++)
            {
                var subject = Customers[i].Subject();
                remaining += (await Systems.CountRemainingAsync(subject, cancellationToken)).Values.Sum() + await Systems.Loyalty.CountRemainingAsync(subject, cancellationToken);
                retained += await Systems.Orders.CountRetainedAsync(subject, cancellationToken);
            }

            var bystanders = 0;
            foreach (var customer in Customers.Skip(size.Requests))
            {
                bystanders += (await Systems.CountRemainingAsync(customer.Subject(), cancellationToken)).Values.Sum();
            }

            var gatewayFailures = await Systems.Loyalty.GatewayFailuresAsync(cancellationToken);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"systems: {remaining} records of the requesters remain, {retained} invoices lawfully retained (Art. 17(3)(b)); bystanders keep {bystanders} records; "
                + $"loyalty gateway failed {gatewayFailures} calls (retried); support desk answered {callbacks.Answers} callbacks over HTTP"));
            if (remaining > 0)
            {
                failures.Add($"{remaining} records of erased subjects remain in the sample systems");
            }

            if (bystanders == 0 && size.Bystanders > 0)
            {
                failures.Add("the bystanders' data is gone too: the systems erased more than was asked");
            }
        }

        /// <summary>
        /// Per system, erasures applied more than once for one request (each should be applied exactly once), and
        /// deliveries repeated at the system's boundary before its dedupe (retries and recoveries: absorbed by the
        /// request id as idempotency key). The support desk takes its work as task messages and counts no deliveries.
        /// </summary>
        private async Task<(int Effects, int Deliveries)> CountDuplicateEffectsAsync(CancellationToken cancellationToken)
        {
            var duplicates = 0;
            var repeated = 0;
            var parts = new List<string>();
            foreach (var system in new SampleDatabase[] { Systems.Orders, Systems.Crm, Systems.Marketing, Systems.Loyalty, Systems.SupportDesk })
            {
                var effects = await system.ErasureEffectsAsync(cancellationToken);
                repeated += (await system.ErasureDeliveriesAsync(cancellationToken)).Values.Sum(n => n - 1);
                var missing = requestIds.Values.Count(id => !effects.ContainsKey(id));
                var twice = effects.Values.Sum(n => n - 1);
                duplicates += twice;
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{((ISampleSystem)system).Name} {effects.Values.Sum()}"));
                if (missing > 0)
                {
                    failures.Add($"{((ISampleSystem)system).Name} never applied the erasure of {missing} request(s)");
                }
            }

            lines.Add($"erasures applied (once per request expected): {string.Join(", ", parts)}; duplicate effects {duplicates}; duplicate deliveries {repeated} (absorbed by idempotency keys)");
            return (duplicates, repeated);
        }

        /// <summary><c>gdpr audit verify --all --json</c> on the data directory, after the host stopped.</summary>
        private async Task<(int Verified, int Total)> VerifyChainsAsync(CancellationToken cancellationToken)
        {
            var (exit, output) = await GdprCommand.RunAsync(home.Directory, ["audit", "verify", "--all", "--json"], cancellationToken);
            var json = JsonNode.Parse(output.Trim().Split('\n')[^1]);
            var checkedRequests = json?["requests"]?.GetValue<int>() ?? 0;
            var broken = (json?["broken"] as JsonArray)?.Count ?? 0;
            var events = json?["events"]?.GetValue<int>() ?? 0;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"audit: gdpr audit verify --all checked {checkedRequests} chains, {events} events: {broken} broken (exit {exit})"));
            if (checkedRequests != requestIds.Count)
            {
                failures.Add($"gdpr audit verify --all checked {checkedRequests} chains for {requestIds.Count} requests");
            }

            foreach (var chain in (json?["broken"] as JsonArray ?? []).Take(5))
            {
                failures.Add($"audit chain broken: {chain?.ToJsonString()}");
            }

            return (Math.Max(0, requestIds.Count - broken), requestIds.Count);
        }

        /// <summary>Scans the data directory for every identifier submitted, and the logs and answers for every task token.</summary>
        private int ScanForLeaks(List<string> answers, int tokensInAnswers)
        {
            var requesters = Customers.Take(size.Requests).ToList();
            var identifiers = requesters.SelectMany(c => new[] { c.Email, c.CustomerId, c.PhoneDisplay, c.PhoneE164 }).OfType<string>().ToList();

            // Invoices are kept under Art. 17(3)(b) with the customer id and email on them: hits in orders.db are lawful
            // for those two identifiers of customers who have an invoice, and nothing else.
            var invoiced = requesters.SelectMany(c => new[] { c.Email, c.CustomerId }).ToHashSet(StringComparer.Ordinal);
            var ordersFile = Path.GetFullPath(Systems.Orders.Path);
            // Bystanders' data stays: "pbell@post.example.org" inside a bystander's "ivy.campbell@post.example.org" is hers.
            var bystanders = Customers.Skip(size.Requests).SelectMany(c => new[] { c.Email, c.CustomerId, c.PhoneDisplay, c.PhoneE164 }).OfType<string>();
            var report = LeakAudit.Scan(home.Directory, identifiers, hit => invoiced.Contains(hit.Identifier) && Path.GetFullPath(hit.File) == ordersFile, bystanders);
            lines.Add(report.Describe(home.Directory));
            var tokens = callbacks.TokensSeen.Count;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"task tokens: {tokens} handled by the desk, {tokensInAnswers} found in the host's logs or in {answers.Count} status/history answers"));
            if (report.Leaks.Count > 0)
            {
                failures.Add($"{report.Leaks.Count} raw identifier(s) persisted after the requests closed");
            }

            if (tokensInAnswers > 0)
            {
                failures.Add($"{tokensInAnswers} task token(s) appear in the logs, status or history");
            }

            return report.Leaks.Count + tokensInAnswers;
        }

        /// <summary>Calls until the host answers (it may be down for a restart); a 5xx counts as the host not being there.</summary>
        private async Task<ApiAnswer> UntilAnsweredAsync(Func<Task<ApiAnswer>> call, Action? retried, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    var answer = await call();
                    if (answer.Status < 500)
                    {
                        return answer;
                    }

                    lock (failures)
                    {
                        if (attempt == 0)
                        {
                            lines.Add($"the host answered {answer.Status} {answer.ErrorCode} ({answer.Body?["error"]?["message"]}); retrying");
                        }
                    }
                }
                catch (HostDownException)
                {
                    // Down for a restart: wait for it.
                }

                retried?.Invoke();
                if (clock.Elapsed > size.Limit * 3)
                {
                    throw new TimeoutException("The host did not answer for too long.");
                }

                await Pause(cancellationToken);
            }
        }

        /// <summary>A short wait before trying again; returns early (without throwing) when the run is being stopped.</summary>
        private static async Task Pause(CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(200, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the caller's loop sees the cancellation.
            }
        }
    }
}
