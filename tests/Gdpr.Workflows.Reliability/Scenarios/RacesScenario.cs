using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Reliability.Support;
using Gdpr.Workflows.TestSupport.Leaks;

namespace Gdpr.Workflows.Reliability.Scenarios;

/// <summary>
/// Issue #6 part 3, on the real <c>gdpr serve</c> (child process): the same request submitted 50 times at once is one
/// request with one execution; two answers racing for one task token are one delivery and one 409; cancellation and
/// extension racing with the last answer end in one consistent final state that the audit chain records and verifies.
/// </summary>
public sealed class RacesScenario : IReliabilityScenario
{
    private const int SameSubmissions = 50;
    private const string AsyncSystem = "support-desk";
    private static readonly string[] FinalStatuses = ["Completed", "CompletedWithExceptions", "Failed", "Cancelled", "Rejected"];

    private readonly ConcurrentBag<string> identifiers = [];
    private readonly List<string> requests = [];
    private int verified;
    private int marker;

    public string Name => "races";

    public async Task<ScenarioFigures> RunAsync(ReliabilityOptions options, CancellationToken cancellationToken)
    {
        var rounds = options.Quick ? 3 : options.Soak ? 30 : 10;
        var failures = new ConcurrentQueue<string>();
        var lines = new List<string>();
        var home = Path.Combine(options.WorkDirectory, "races");
        var serve = await ServeChildProcess.StartAsync(home, cancellationToken);
        try
        {
            await RaceAsync(serve, home, rounds, options, failures, lines, cancellationToken);
        }
        finally
        {
            await serve.DisposeAsync();
        }

        // Scanned once the host is stopped (it holds the engine lock file): the vault holds identifiers sealed, and no
        // raw one may be anywhere else (stores, engine history, tasks, the log).
        var leaks = PersistedBytesScanner.Scan(home, identifiers);
        foreach (var leak in leaks.Take(5))
        {
            failures.Enqueue($"leak: {leak.Form} of a submitted identifier in {Path.GetFileName(leak.File)} at {leak.Offset}");
        }

        lines.Add($"leak scan: {identifiers.Count} identifiers over {PersistedBytesScanner.Coverage(home).Files} files: {leaks.Count} hits");
        return new ScenarioFigures
        {
            Leaks = leaks.Count,
            Requests = requests.Count,
            ChainsVerified = verified,
            ChainsTotal = requests.Count,
            Lines = lines,
            Failures = [.. failures],
        };
    }

    private async Task RaceAsync(ServeChildProcess serve, string home, int rounds, ReliabilityOptions options, ConcurrentQueue<string> failures, List<string> lines, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = SameSubmissions }) { Timeout = TimeSpan.FromSeconds(60) };
        var api = new Api(serve, http);
        for (var round = 0; round < rounds; round++)
        {
            var key = round % 2 == 0 ? null : $"race-key-{round}";
            var (requestId, problem) = await DuplicatesAsync(api, home, key, cancellationToken);
            Record(failures, problem, $"duplicates round {round + 1}");
            requests.AddRange(requestId is null ? [] : [requestId]);
        }

        lines.Add($"duplicates: {rounds} x {SameSubmissions} identical concurrent submissions, each one request with one execution");

        var answerRaces = options.Quick ? 5 : 20;
        var conflicts = 0;
        for (var round = 0; round < answerRaces; round++)
        {
            var (requestId, won, problem) = await AnswerRaceAsync(api, round, cancellationToken);
            Record(failures, problem, $"answer race {round + 1}");
            conflicts += won ? 1 : 0;
            requests.AddRange(requestId is null ? [] : [requestId]);
        }

        lines.Add($"answer races: {answerRaces} token races, {conflicts} with exactly one delivery and one 409 conflict");

        var endings = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < rounds * 2; round++)
        {
            var cancel = round % 2 == 0;
            var (requestId, ending, problem) = await EndingRaceAsync(api, cancel, cancellationToken);
            Record(failures, problem, $"{(cancel ? "cancel" : "extension")} race {round + 1}");
            if (ending is not null)
            {
                endings[ending] = endings.GetValueOrDefault(ending) + 1;
            }

            requests.AddRange(requestId is null ? [] : [requestId]);
        }

        lines.Add($"cancel/extension vs completion: {rounds * 2} races, endings {string.Join(", ", endings.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"))}");

        foreach (var requestId in requests)
        {
            var chain = await api.GetAsync($"audit/verify?request={requestId}", serve.Tokens.Auditor, cancellationToken);
            if (chain.Status == HttpStatusCode.OK && chain.Body?["verified"]?.GetValue<bool>() == true)
            {
                verified++;
            }
            else
            {
                failures.Enqueue($"the audit chain of {requestId} does not verify: {chain.Body?.ToJsonString()}");
            }
        }

        if (!serve.IsRunning)
        {
            failures.Enqueue("gdpr serve died during the races");
        }

    }

    /// <summary>50 identical submissions at once: one request id, one created, one execution.</summary>
    private async Task<(string? RequestId, string? Problem)> DuplicatesAsync(Api api, string home, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var body = Submission(idempotencyKey);
        var before = StoredRows.Count(home);
        var answers = await Task.WhenAll(Enumerable.Range(0, SameSubmissions).Select(_ => api.PostAsync("requests", api.Serve.Tokens.Officer, body, cancellationToken)));
        var refused = answers.Where(a => a.Status != HttpStatusCode.Created).ToList();
        if (refused.Count > 0)
        {
            return (null, $"{refused.Count} of {SameSubmissions} identical submissions were not accepted: {(int)refused[0].Status} {refused[0].Body?.ToJsonString()}");
        }

        var ids = answers.Select(a => a.Body!["requestId"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
        var created = answers.Count(a => a.Body!["created"]!.GetValue<bool>());
        var requestId = ids[0];
        var after = StoredRows.Count(home);
        var executions = StoredRows.ExecutionsOf(home, requestId);
        return ids.Count != 1 || created != 1 || after.Requests != before.Requests + 1 || executions != 1
            ? (requestId, $"{ids.Count} request ids, {created} created, {after.Requests - before.Requests} requests stored, {executions} executions (expected 1 of each)")
            : (requestId, null);
    }

    /// <summary>Two answers for one waiting task at once: one delivered (200), the other a clear conflict (409).</summary>
    private async Task<(string? RequestId, bool Held, string? Problem)> AnswerRaceAsync(Api api, int round, CancellationToken cancellationToken)
    {
        var (requestId, token, problem) = await WaitingTaskAsync(api, cancellationToken);
        if (token is null)
        {
            return (requestId, false, problem);
        }

        var systemToken = api.Serve.Tokens.Systems[AsyncSystem];
        var second = round % 2 == 0
            ? new JsonObject { ["taskToken"] = token, ["outcome"] = "not_held", ["receipt"] = "T-B" }
            : new JsonObject { ["taskToken"] = token, ["error"] = "Erasure.Refused" };
        var answers = await Task.WhenAll(
            api.PostAsync("tasks/callback", systemToken, new JsonObject { ["taskToken"] = token, ["outcome"] = "erased", ["receipt"] = "T-A" }, cancellationToken),
            api.PostAsync("tasks/callback", systemToken, second, cancellationToken));
        var delivered = answers.Count(a => a.Status == HttpStatusCode.OK);
        var conflicts = answers.Count(a => a.Status == HttpStatusCode.Conflict && a.Body?["error"]?["code"]?.GetValue<string>() == "conflict");
        if (delivered != 1 || conflicts != 1)
        {
            return (requestId, false, $"answers were {string.Join(" and ", answers.Select(a => $"{(int)a.Status} {a.Body?.ToJsonString()}"))}; expected one 200 and one 409");
        }

        var final = await FinalStatusAsync(api, requestId!, cancellationToken);
        return final is null ? (requestId, false, "the request did not reach a final state after the answer") : (requestId, true, null);
    }

    /// <summary>The last answer racing with a cancellation or an extension: one consistent ending, recorded in the audit chain.</summary>
    private async Task<(string? RequestId, string? Ending, string? Problem)> EndingRaceAsync(Api api, bool cancel, CancellationToken cancellationToken)
    {
        var (requestId, token, problem) = await WaitingTaskAsync(api, cancellationToken);
        if (token is null)
        {
            return (requestId, null, problem);
        }

        var officer = api.Serve.Tokens.Officer;

        // Sent a few milliseconds apart in either order, so both the officer and the system win some races.
        var lead = TimeSpan.FromMilliseconds(Random.Shared.Next(-40, 40));
        var answer = DelayedAsync(lead < TimeSpan.Zero ? -lead : TimeSpan.Zero, () => api.PostAsync("tasks/callback", api.Serve.Tokens.Systems[AsyncSystem], new JsonObject { ["taskToken"] = token, ["outcome"] = "erased", ["receipt"] = "T-END" }, cancellationToken), cancellationToken);
        var race = DelayedAsync(lead > TimeSpan.Zero ? lead : TimeSpan.Zero, () => cancel
            ? api.PostAsync($"requests/{requestId}/cancel", officer, new JsonObject { ["reason"] = "withdrawn-by-subject" }, cancellationToken)
            : api.PostAsync($"requests/{requestId}/extension", officer, new JsonObject { ["months"] = 1, ["reason"] = "complex", ["detail"] = "racing the last answer" }, cancellationToken), cancellationToken);
        var (raced, answered) = (await race, await answer);
        var final = await FinalStatusAsync(api, requestId!, cancellationToken);
        var history = await api.GetAsync($"requests/{requestId}/history", officer, cancellationToken);
        var entries = history.Body?["events"]?.AsArray().Select(e => e!.AsObject()).ToList() ?? [];
        var events = entries.Select(e => e["type"]!.GetValue<string>()).ToList();

        // The finalizer records the status it finds stored: when the cancellation was stored first, its RequestCompleted says Cancelled.
        var completedAs = entries.Where(e => e["type"]!.GetValue<string>() == "RequestCompleted").Select(e => e["details"]?["status"]?.GetValue<string>()).ToList();
        var what = $"{(cancel ? "cancel" : "extension")} {(int)raced.Status}, answer {(int)answered.Status}, final {final ?? "none"}, completed as {string.Join("/", completedAs)}, events {string.Join(",", events)}";
        if (final is null || history.Body?["chainIntact"]?.GetValue<bool>() != true)
        {
            return (requestId, null, $"no consistent end: {what}");
        }

        if (raced.Status is not (HttpStatusCode.OK or HttpStatusCode.Conflict) || answered.Status is not (HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.NotFound))
        {
            return (requestId, null, $"a racer got neither success nor a clear conflict: {what}");
        }

        var cancelledNow = cancel && raced.Status == HttpStatusCode.OK && raced.Body?["cancelledNow"]?.GetValue<bool>() == true;
        var consistent = completedAs.All(s => s == final) && (cancel
            ? cancelledNow
                ? final == "Cancelled" && events.Contains("RequestCancelled")
                : final != "Cancelled" && !events.Contains("RequestCancelled") && raced.Status == HttpStatusCode.Conflict
            : final is "Completed" or "CompletedWithExceptions"
                && (raced.Status == HttpStatusCode.OK) == events.Contains("DeadlineExtended"));
        return consistent
            ? (requestId, (cancel ? (cancelledNow ? "cancelled" : "completed-before-cancel") : raced.Status == HttpStatusCode.OK ? "extended-then-completed" : "completed-before-extension"), null)
            : (requestId, null, $"inconsistent: {what}");
    }

    private static async Task<Answer> DelayedAsync(TimeSpan delay, Func<Task<Answer>> send, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await send();
    }

    /// <summary>Submits an authenticated request and waits until the async system's task for it is open.</summary>
    private async Task<(string? RequestId, string? Token, string? Problem)> WaitingTaskAsync(Api api, CancellationToken cancellationToken)
    {
        var submitted = await api.PostAsync("requests", api.Serve.Tokens.Officer, Submission(null), cancellationToken);
        if (submitted.Status != HttpStatusCode.Created)
        {
            return (null, null, $"submit failed: {(int)submitted.Status} {submitted.Body?.ToJsonString()}");
        }

        var requestId = submitted.Body!["requestId"]!.GetValue<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var tasks = await api.GetAsync("tasks", api.Serve.Tokens.Systems[AsyncSystem], cancellationToken);
            var token = tasks.Body?["tasks"]?.AsArray().FirstOrDefault(t => t!["requestId"]!.GetValue<string>() == requestId)?["taskToken"]?.GetValue<string>();
            if (token is not null)
            {
                return (requestId, token, null);
            }

            await Task.Delay(50, cancellationToken);
        }

        return (requestId, null, $"the {AsyncSystem} task of {requestId} never arrived");
    }

    private static async Task<string?> FinalStatusAsync(Api api, string requestId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var status = (await api.GetAsync($"requests/{requestId}", api.Serve.Tokens.Officer, cancellationToken)).Body?["status"]?.GetValue<string>();
            if (status is not null && FinalStatuses.Contains(status))
            {
                return status;
            }

            await Task.Delay(50, cancellationToken);
        }

        return null;
    }

    private JsonObject Submission(string? idempotencyKey)
    {
        var email = $"race-{Interlocked.Increment(ref marker).ToString(CultureInfo.InvariantCulture)}@example.com";
        identifiers.Add(email);
        var body = new JsonObject
        {
            ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = email }),
            ["channel"] = "portal",
            ["requesterAuthenticated"] = true,
        };
        if (idempotencyKey is not null)
        {
            body["idempotencyKey"] = idempotencyKey;
        }

        return body;
    }

    private static void Record(ConcurrentQueue<string> failures, string? problem, string where)
    {
        if (problem is not null)
        {
            failures.Enqueue($"{where}: {problem}");
        }
    }

    private sealed record Answer(HttpStatusCode Status, JsonNode? Body);

    /// <summary>JSON calls to the served API.</summary>
    private sealed class Api(ServeChildProcess serve, HttpClient http)
    {
        public ServeChildProcess Serve => serve;

        public async Task<Answer> PostAsync(string path, string token, JsonObject body, CancellationToken cancellationToken)
        {
            using var request = serve.Request(HttpMethod.Post, path, token, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            return await SendAsync(request, cancellationToken);
        }

        public async Task<Answer> GetAsync(string path, string token, CancellationToken cancellationToken)
        {
            using var request = serve.Request(HttpMethod.Get, path, token);
            return await SendAsync(request, cancellationToken);
        }

        private async Task<Answer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            try
            {
                return new Answer(response.StatusCode, JsonNode.Parse(text));
            }
            catch (System.Text.Json.JsonException)
            {
                return new Answer(response.StatusCode, JsonValue.Create(text));
            }
        }
    }
}
