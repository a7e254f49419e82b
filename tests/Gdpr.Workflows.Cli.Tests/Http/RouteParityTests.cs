using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Cli.Http;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Local.Composition;

namespace Gdpr.Workflows.Cli.Tests.Http;

/// <summary>
/// Every deployed API route, success and error cases, sent to the local host over HTTP and to the function handlers
/// directly (the HTTP API events API Gateway sends them): status codes and bodies must be identical. One host serves
/// both sides, so each state-changing step is done twice, once per side, on two requests in the same state; ids,
/// times and hashes are replaced by placeholders before the bodies are compared.
/// </summary>
public sealed partial class RouteParityTests : IAsyncLifetime, IDisposable
{
    private const string OfficerArn = "arn:aws:iam::000000000000:user/gdpr-officer";
    private const string DeskArn = "arn:aws:iam::000000000000:user/gdpr-system-support-desk";
    private const string Desk = "support-desk";

    private readonly string home = Path.Combine(Path.GetTempPath(), "gdpr-parity-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly List<string> differences = [];
    private readonly OpenApiContract contract = OpenApiContract.Load();
    private LocalHost host = null!;
    private ApiHost server = null!;
    private ApiTokens tokens = null!;
    private IReadOnlyDictionary<string, IJsonFunction> functions = null!;
    private int submitted;

    public async Task InitializeAsync()
    {
        // Lets an erasure request's clock stop for clarification, so the pause route answers more than Art. 12A's refusal.
        Directory.CreateDirectory(home);
        await File.WriteAllTextAsync(Path.Combine(home, "settings.json"), """{"clarificationPause": "any-request"}""");
        host = await LocalHost.StartAsync(LocalDefaults.Options(GdprHome.At(home), templatePath: null, registryPath: null, runEngine: true, TimeProvider.System));
        tokens = ApiTokens.LoadOrCreate(host.Home, host.Services.Registry.Systems.Select(s => s.Name));
        server = await ApiHost.StartAsync(new ApiHostOptions { Host = host, Tokens = tokens, Log = (_, _) => { } }, CancellationToken.None);
        functions = LocalFunctions.Functions(host.Services);
    }

    [Fact]
    public async Task EveryDeployedRoute_LocalHostAndFunction_AnswerTheSame()
    {
        // POST /requests: new (201), repeated (200), refused (400).
        var (local, deployed) = (Submission(), Submission());
        var (a, b) = await BothAsync("submit new", "POST", "/requests", null, local.ToJsonString(), deployed.ToJsonString(), "Intake");
        var idA = a.Body!["requestId"]!.GetValue<string>();
        var idB = b.Body!["requestId"]!.GetValue<string>();
        await SettleAsync();
        await BothAsync("submit repeat", "POST", "/requests", null, local.ToJsonString(), deployed.ToJsonString(), "Intake");
        foreach (var (name, body) in new[]
        {
            ("no identifiers", "{}"),
            ("unknown field", """{"identifiers": [{"kind": "email", "value": "x1@example.com"}], "colour": "red"}"""),
            ("unknown identifier field", """{"identifiers": [{"kind": "email", "value": "x2@example.com", "colour": "red"}]}"""),
            ("malformed email", """{"identifiers": [{"kind": "email", "value": "nope"}]}"""),
            ("identifiers not an array", """{"identifiers": "a@example.com"}"""),
            ("wrong type", """{"identifiers": [{"kind": "email", "value": "x3@example.com"}], "requesterAuthenticated": "yes"}"""),
            ("not JSON", "{\"identifiers\": ["),
            ("not an object", "[1, 2]"),
            ("too deep", string.Concat(Enumerable.Repeat("{\"a\":", 20)) + "1" + new string('}', 20)),
            ("no body", null),
        })
        {
            await SameAsync("submit " + name, "POST", "/requests", null, body, "Intake");
        }

        // Reads and refusals on unknown or malformed ids.
        await SameAsync("status unknown", "GET", "/requests/req-20250101-unknown", "req-20250101-unknown", null, "Status");
        await SameAsync("status malformed id", "GET", "/requests/bad%20id", "bad id", null, "Status");
        await SameAsync("history unknown", "GET", "/requests/req-20250101-unknown/history", "req-20250101-unknown", null, "History");
        await SameAsync("cancel unknown", "POST", "/requests/req-20250101-unknown/cancel", "req-20250101-unknown", """{"reason": "withdrawn"}""", "Cancel");
        await SameAsync("cancel unknown field", "POST", $"/requests/{idA}/cancel", idA, """{"why": "x"}""", "Cancel");
        await SameAsync("verification unknown", "POST", "/requests/req-20250101-unknown/verification", "req-20250101-unknown", """{"verified": true, "method": "id-document"}""", "TaskCallback");
        await SameAsync("verification no decision", "POST", $"/requests/{idA}/verification", idA, """{"method": "id-document"}""", "TaskCallback");
        await SameAsync("verification no method", "POST", $"/requests/{idA}/verification", idA, """{"verified": true}""", "TaskCallback");
        foreach (var (name, action, body, function) in new[]
        {
            ("extension unknown", "extension", """{"months": 1, "reason": "complex"}""", "Deadline"),
            ("pause unknown", "pause", """{"reason": "clarification"}""", "Deadline"),
            ("resume unknown", "resume", null, "Deadline"),
            ("retry unknown", "retry", null, "Retry"),
            ("refusal unknown", "refusal", """{"reason": "excessive", "detail": "Too many."}""", "Refusal"),
        })
        {
            await SameAsync(name, "POST", $"/requests/req-20250101-unknown/{action}", "req-20250101-unknown", body, function);
        }

        foreach (var (name, action, body, function) in new[]
        {
            ("extension no months", "extension", """{"reason": "complex"}""", "Deadline"),
            ("extension three months", "extension", """{"months": 3, "reason": "complex"}""", "Deadline"),
            ("extension unknown field", "extension", """{"months": 1, "reason": "complex", "colour": "red"}""", "Deadline"),
            ("extension awaiting verification", "extension", """{"months": 1, "reason": "complex"}""", "Deadline"),
            ("pause no body", "pause", null, "Deadline"),
            ("pause no reason", "pause", "{}", "Deadline"),
            ("pause bad day", "pause", """{"reason": "clarification", "askedOn": "yesterday"}""", "Deadline"),
            ("resume unknown field", "resume", """{"when": "now"}""", "Deadline"),
            ("retry unknown system", "retry", """{"system": "billing"}""", "Retry"),
            ("retry async system", "retry", """{"system": "support-desk"}""", "Retry"),
            ("retry unknown field", "retry", """{"systems": ["crm"]}""", "Retry"),
            ("refusal bad reason", "refusal", """{"reason": "annoying", "detail": "x"}""", "Refusal"),
            ("refusal no detail", "refusal", """{"reason": "excessive"}""", "Refusal"),
            ("refusal email in detail", "refusal", """{"reason": "excessive", "detail": "Write to x9@example.com"}""", "Refusal"),
        })
        {
            await SameAsync(name, "POST", $"/requests/{idA}/{action}", idA, body, function);
        }

        await SameAsync("callback unknown token", "POST", "/tasks/callback", null, """{"taskToken": "unknown-token", "outcome": "erased", "receipt": "T-1"}""", "TaskCallback", Desk);

        // A request waiting for the officers' identity check: status, history, the decision (and its repeat).
        await SettleAsync();
        await PairAsync("status waiting", "GET", idA, idB, "", null, "Status");
        await PairAsync("history waiting", "GET", idA, idB, "/history", null, "History");
        await PairAsync("verification", "POST", idA, idB, "/verification", """{"verified": true, "method": "id-document"}""", "TaskCallback");
        await PairAsync("verification repeat", "POST", idA, idB, "/verification", """{"verified": true, "method": "id-document"}""", "TaskCallback");

        // The officers' deadline actions on a request whose clock runs, each repeated; a retry of its running workflow.
        // Settled first: the sync systems erase in the background once verified, and both requests must be in the same state.
        await SettleAsync();
        await PairAsync("extension", "POST", idA, idB, "/extension", """{"months": 1, "reason": "complex", "detail": "Many systems."}""", "Deadline");
        await PairAsync("extension repeat", "POST", idA, idB, "/extension", """{"months": 1, "reason": "complex", "detail": "Many systems."}""", "Deadline");
        await PairAsync("resume running clock", "POST", idA, idB, "/resume", null, "Deadline");
        await PairAsync("pause", "POST", idA, idB, "/pause", """{"reason": "which account the requester means"}""", "Deadline");
        await PairAsync("pause repeat", "POST", idA, idB, "/pause", """{"reason": "which account the requester means"}""", "Deadline");
        await PairAsync("resume", "POST", idA, idB, "/resume", "{}", "Deadline");
        await PairAsync("resume repeat", "POST", idA, idB, "/resume", null, "Deadline");
        await PairAsync("retry running", "POST", idA, idB, "/retry", null, "Retry");

        // The async support desk's tasks: refused answers, a heartbeat, the answer, its repeat.
        await SettleAsync();
        var tokenA = await TaskTokenAsync(idA);
        var tokenB = await TaskTokenAsync(idB);

        // The desk's pull and a task's subject (the Tasks function): its open tasks, the subject, refusals.
        var (taskA, taskB) = (ErasureTaskMessage.IdOf(tokenA), ErasureTaskMessage.IdOf(tokenB));
        await SystemGetAsync("tasks", "/tasks", "/tasks", null);
        await SystemGetAsync("tasks wait 0", "/tasks", "/tasks?wait=0", null);
        await SystemGetAsync("tasks bad wait", "/tasks", "/tasks?wait=99", null);
        await SystemGetAsync("tasks own system", "/tasks", "/tasks?system=support-desk", null);
        await SystemGetAsync("tasks other system", "/tasks", "/tasks?system=crm", null);
        await SystemGetAsync("tasks unknown parameter", "/tasks", "/tasks?colour=red", null);
        await SystemGetAsync("subject", "/tasks/{taskId}/subject", $"/tasks/{taskA}/subject", taskA);
        await SystemGetAsync("subject malformed id", "/tasks/{taskId}/subject", "/tasks/not-a-task/subject", "not-a-task");
        await SystemGetAsync("subject unknown", "/tasks/{taskId}/subject", $"/tasks/{new string('0', 64)}/subject", new string('0', 64));
        await SystemGetAsync("subject with a query", "/tasks/{taskId}/subject", $"/tasks/{taskB}/subject?x=1", taskB);
        foreach (var (name, template) in new[]
        {
            ("callback unknown field", """{"taskToken": "%T", "colour": "red"}"""),
            ("callback two answers", """{"taskToken": "%T", "heartbeat": true, "error": "E"}"""),
            ("callback heartbeat false", """{"taskToken": "%T", "heartbeat": false}"""),
            ("callback bad outcome", """{"taskToken": "%T", "outcome": "maybe", "receipt": "T-1"}"""),
            ("callback heartbeat", """{"taskToken": "%T", "heartbeat": true}"""),
            ("callback answer", """{"taskToken": "%T", "outcome": "not_held", "receipt": {"reference": "T-1"}}"""),
            ("callback answer repeat", """{"taskToken": "%T", "outcome": "not_held", "receipt": {"reference": "T-1"}}"""),
        })
        {
            await BothAsync(name, "POST", "/tasks/callback", null, template.Replace("%T", tokenA, StringComparison.Ordinal), template.Replace("%T", tokenB, StringComparison.Ordinal), "TaskCallback", Desk);
        }

        await SystemGetAsync("subject answered", "/tasks/{taskId}/subject", $"/tasks/{taskA}/subject", taskA);
        await SystemGetAsync("tasks answered", "/tasks", "/tasks", null);

        await SettleAsync();
        await PairAsync("status done", "GET", idA, idB, "", null, "Status");
        await PairAsync("history done", "GET", idA, idB, "/history", null, "History");
        await PairAsync("cancel done", "POST", idA, idB, "/cancel", """{"reason": "withdrawn"}""", "Cancel");

        // Cancelling a request in progress, and again.
        var (c, d) = await BothAsync("submit to cancel", "POST", "/requests", null, Submission().ToJsonString(), Submission().ToJsonString(), "Intake");
        var (idC, idD) = (c.Body!["requestId"]!.GetValue<string>(), d.Body!["requestId"]!.GetValue<string>());
        await SettleAsync();
        await PairAsync("cancel", "POST", idC, idD, "/cancel", """{"reason": "withdrawn"}""", "Cancel");
        await PairAsync("cancel repeat", "POST", idC, idD, "/cancel", null, "Cancel");
        await PairAsync("retry cancelled", "POST", idC, idD, "/retry", "{}", "Retry");
        await PairAsync("extension cancelled", "POST", idC, idD, "/extension", """{"months": 1, "reason": "complex"}""", "Deadline");

        // Refusing a request in progress (Art. 12(5)), again, and what a refused request still answers.
        var (e, f) = await BothAsync("submit to refuse", "POST", "/requests", null, Submission().ToJsonString(), Submission().ToJsonString(), "Intake");
        var (idE, idF) = (e.Body!["requestId"]!.GetValue<string>(), f.Body!["requestId"]!.GetValue<string>());
        await SettleAsync();
        await PairAsync("refusal", "POST", idE, idF, "/refusal", """{"reason": "excessive", "detail": "The fourth identical request this month."}""", "Refusal");
        await PairAsync("refusal repeat", "POST", idE, idF, "/refusal", """{"reason": "excessive", "detail": "The fourth identical request this month."}""", "Refusal");
        await PairAsync("retry refused", "POST", idE, idF, "/retry", null, "Retry");
        await PairAsync("pause refused", "POST", idE, idF, "/pause", """{"reason": "clarification"}""", "Deadline");
        await PairAsync("cancel refused", "POST", idE, idF, "/cancel", null, "Cancel");
        await PairAsync("refusal cancelled", "POST", idC, idD, "/refusal", """{"reason": "excessive", "detail": "Too many."}""", "Refusal");

        differences.Should().BeEmpty();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await host.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        http.Dispose();
        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Never created.
        }
    }

    private JsonObject Submission() => new()
    {
        ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = $"parity.{Interlocked.Increment(ref submitted)}@example.com" }),
        ["channel"] = "web-form",
        ["idempotencyKey"] = $"parity-{submitted}",
    };

    /// <summary>The same call to both sides, on the same state: answers must match exactly (after placeholders).</summary>
    private Task<(Answer Local, Answer Function)> SameAsync(string name, string method, string path, string? requestId, string? body, string function, string? system = null) =>
        BothAsync(name, method, path, requestId, body, body, function, system);

    /// <summary>The same call on request <paramref name="local"/> over HTTP and on <paramref name="deployed"/> by the function.</summary>
    private Task PairAsync(string name, string method, string local, string deployed, string suffix, string? body, string function) =>
        CompareAsync(name, method, $"/requests/{{requestId}}{suffix}", body, LocalAsync(method, $"/requests/{local}{suffix}", body, null), FunctionAsync(method, $"/requests/{{requestId}}{suffix}", $"/requests/{deployed}{suffix}", deployed, body, function, null));

    private async Task<(Answer Local, Answer Function)> BothAsync(string name, string method, string path, string? requestId, string? localBody, string? functionBody, string function, string? system = null)
    {
        var routeKey = requestId is null ? path : Regex.Replace(path, "^/requests/[^/]+", "/requests/{requestId}");
        var local = await LocalAsync(method, path, localBody, system);
        var deployed = await FunctionAsync(method, routeKey, Uri.UnescapeDataString(path), requestId, functionBody, function, system);
        Compare(name, method, routeKey, localBody, local, deployed);
        return (local, deployed);
    }

    private async Task CompareAsync(string name, string method, string routeKey, string? sent, Task<Answer> local, Task<Answer> deployed) => Compare(name, method, routeKey, sent, await local, await deployed);

    /// <summary>
    /// The two answers must be the same, the one answer must be what docs/openapi.json documents for the route, and a
    /// body the route accepted (2xx) must fit the request body it documents.
    /// </summary>
    private void Compare(string name, string method, string routeKey, string? sent, Answer local, Answer deployed)
    {
        if (contract.Check(method, routeKey, local.Status, local.Body) is { } undocumented)
        {
            differences.Add($"{name}: not as docs/openapi.json says: {undocumented}");
        }

        if (local.Status is >= 200 and < 300 && contract.CheckRequest(method, routeKey, sent) is { } undocumentedBody)
        {
            differences.Add($"{name}: an accepted body docs/openapi.json does not describe: {undocumentedBody}");
        }

        var (l, d) = (Normalize(local), Normalize(deployed));
        if (local.Status != deployed.Status || l != d)
        {
            differences.Add($"{name}: local {local.Status} {l}\n  function {deployed.Status} {d}");
        }
    }

    private async Task<Answer> LocalAsync(string method, string path, string? body, string? system)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(server.Url, path.TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", system is null ? tokens.Officer : tokens.Systems[system]);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        return new Answer((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    private async Task<Answer> FunctionAsync(string method, string routeKey, string rawPath, string? requestId, string? body, string function, string? system)
    {
        var context = new JsonObject
        {
            ["http"] = new JsonObject { ["method"] = method, ["path"] = rawPath },
            ["authorizer"] = new JsonObject { ["iam"] = new JsonObject { ["userArn"] = system is null ? OfficerArn : DeskArn } },
        };
        var payload = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = $"{method} {routeKey}",
            ["rawPath"] = rawPath,
            ["headers"] = new JsonObject { ["content-type"] = "application/json" },
            ["requestContext"] = context,
            ["pathParameters"] = requestId is null ? new JsonObject() : new JsonObject { ["requestId"] = requestId },
            ["body"] = body,
            ["isBase64Encoded"] = false,
        };
        var response = await functions[LocalFunctions.Prefix + function].HandleAsync(payload, CancellationToken.None);
        return new Answer(response!["statusCode"]!.GetValue<int>(), JsonNode.Parse(response["body"]!.GetValue<string>()));
    }

    /// <summary>A read of the support desk's (GET /tasks, GET /tasks/{taskId}/subject) on both sides: the Tasks function on the same inbox.</summary>
    private async Task SystemGetAsync(string name, string routeKey, string path, string? taskId)
    {
        var local = await LocalAsync("GET", path, null, Desk);
        var uri = new Uri(new Uri("http://function"), path);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);
        var context = new JsonObject
        {
            ["http"] = new JsonObject { ["method"] = "GET", ["path"] = uri.AbsolutePath },
            ["authorizer"] = new JsonObject { ["iam"] = new JsonObject { ["userArn"] = DeskArn } },
        };
        var payload = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "GET " + routeKey,
            ["rawPath"] = uri.AbsolutePath,
            ["headers"] = new JsonObject(),
            ["requestContext"] = context,
            ["pathParameters"] = taskId is null ? new JsonObject() : new JsonObject { ["taskId"] = taskId },
            ["isBase64Encoded"] = false,
        };
        if (query.Count > 0)
        {
            payload["queryStringParameters"] = new JsonObject([.. query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value.ToString()))]);
        }

        var response = await functions[LocalFunctions.Prefix + "Tasks"].HandleAsync(payload, CancellationToken.None);
        Compare(name, "GET", routeKey, null, local, new Answer(response!["statusCode"]!.GetValue<int>(), JsonNode.Parse(response["body"]!.GetValue<string>())));
    }

    private async Task SettleAsync() => await host.SettleAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(30));

    private async Task<string> TaskTokenAsync(string requestId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var open = host.Inbox.Open(Desk, requestId);
            if (open.Count > 0)
            {
                return open[0].TaskToken;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"the support desk gets a task for {requestId}");
            await Task.Delay(100);
        }
    }

    /// <summary>The body with its request ids, times and hashes replaced by placeholders (they differ by nature between two requests).</summary>
    private static string Normalize(Answer answer)
    {
        var text = (answer.Body?.ToJsonString() ?? "null").Replace("\\u002B", "+", StringComparison.Ordinal);
        text = RequestIdPattern().Replace(text, "<request>");
        text = TimestampPattern().Replace(text, "<time>");
        return HashPattern().Replace(text, "<hash>");
    }

    [GeneratedRegex("req-[0-9]{8}-[A-Za-z0-9]+")]
    private static partial Regex RequestIdPattern();

    [GeneratedRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(Z|[+-][0-9]{2}:[0-9]{2})")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex("\"[A-Za-z0-9+/=_-]{32,}\"")]
    private static partial Regex HashPattern();

    private sealed record Answer(int Status, JsonNode? Body);
}
