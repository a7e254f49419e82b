using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Infrastructure;

/// <summary>
/// Commands that change requests while <c>gdpr serve</c> (run in-process) holds the engine: they are forwarded to it and
/// print what the direct path prints, with its exit codes.
/// </summary>
public sealed partial class ServeForwarderTests : IAsyncLifetime, IDisposable
{
    private readonly ServeProcess serve = new();
    private readonly GdprHarness direct = new();
    private ServeInfo server = null!;

    public async Task InitializeAsync()
    {
        // Pausing an erasure request needs the controller's setting (Art. 12A allows it for access requests only).
        await File.WriteAllTextAsync(Path.Combine(Directory.CreateDirectory(serve.Gdpr.Home).FullName, "settings.json"), """{"clarificationPause": "any-request"}""");
        await serve.StartAsync();
        server = ServeInfo.TryRead(GdprHome.At(serve.Gdpr.Home))!;
    }

    [Fact]
    public void RunningServer_WhileServeRuns_IsTheServer()
    {
        ServeForwarder.RunningServer(GdprHome.At(serve.Gdpr.Home)).Should().Be(server);
    }

    [Fact]
    public async Task RunningServer_ServeJsonLeftWithoutTheEngineLock_IsNull()
    {
        var home = GdprHome.At(Directory.CreateDirectory(direct.Home).FullName);
        new ServeInfo("http://127.0.0.1:9/", Environment.ProcessId).Write(home);

        ServeForwarder.RunningServer(home).Should().BeNull();
        var run = await direct.RunAsync("submit", "--email", "stale@example.com", "--authenticated", "--json");
        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
    }

    [Fact]
    public async Task Submit_WhileServeRuns_PrintsWhatTheDirectPathPrints()
    {
        var forwarded = await serve.Gdpr.RunAsync("submit", "--email", "same@example.com");
        var alone = await direct.RunAsync("submit", "--email", "same@example.com");

        forwarded.ExitCode.Should().Be(ExitCodes.Ok, forwarded.ToString());
        MaskIds(forwarded.Out).Should().Be(MaskIds(alone.Out)).And.Contain("Next: verify");
    }

    [Fact]
    public async Task Submit_FromFileWhileServeRuns_SendsTheFileAlong()
    {
        var file = Path.Combine(Directory.CreateDirectory(direct.Home).FullName, "request.json");
        await File.WriteAllTextAsync(file, """{"email": "filed@example.org", "authenticated": true}""");

        var run = await serve.Gdpr.RunAsync("submit", "--file", file, "--json");

        run.ExitCode.Should().Be(ExitCodes.Ok, run.ToString());
        run.Json["provisional"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task WholeLifecycle_WhileServeRuns_EveryChangeIsForwarded()
    {
        var id = (await RunOkAsync("submit", "--email", "flow@example.com", "--json")).Json["requestId"]!.GetValue<string>();

        var verified = await RunOkAsync("verify", id, "--method", "id-document", "--json");
        var extended = await RunOkAsync("extend", id, "--months", "1", "--reason", "complex", "--json");
        var paused = await RunOkAsync("pause", id, "--json");
        var resumed = await RunOkAsync("resume", id, "--json");
        var retried = await RunOkAsync("retry", id, "--json");
        var token = await WaitForTaskAsync(id);
        var heartbeat = await RunOkAsync("task", "heartbeat", token);
        var answered = await RunOkAsync("task", "succeed", token, "--outcome", "erased", "--reference", "T-1", "--json");
        var again = await serve.Gdpr.RunAsync("task", "succeed", token, "--outcome", "erased");
        var status = await serve.Gdpr.RunAsync("status", id, "--json");
        var history = await serve.Gdpr.RunAsync("history", "--request", id, "--json");

        extended.Json["deadline"]!.GetValue<string>().Should().MatchRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
        paused.Json["clockStopped"]!.GetValue<bool>().Should().BeTrue();
        resumed.Json["clockStopped"]!.GetValue<bool>().Should().BeFalse();
        verified.Json["verification"]!.GetValue<string>().Should().Be("Verified");
        retried.Json["result"]!.GetValue<string>().Should().Contain("running");
        heartbeat.Out.Should().Contain("Heartbeat delivered.");
        answered.Json["answer"]!.GetValue<string>().Should().Be("succeeded");
        again.ExitCode.Should().Be(ExitCodes.Conflict, again.ToString());
        status.Json["status"]!.GetValue<string>().Should().BeOneOf("Completed", "CompletedWithExceptions");
        history.Json["events"]!.AsArray().Select(e => e!["actor"]!.GetValue<string>()).Should().Contain("tester", "the forwarding process's officer is recorded, not the server's");
    }

    [Fact]
    public async Task Cancel_WhileServeRuns_CancelsAndASecondCancelChangesNothing()
    {
        var id = (await RunOkAsync("submit", "--email", "cancel@example.com", "--json")).Json["requestId"]!.GetValue<string>();

        var first = await RunOkAsync("cancel", id, "--reason", "withdrawn-by-subject", "--json");
        var second = await RunOkAsync("cancel", id, "--reason", "withdrawn-by-subject");
        var retry = await serve.Gdpr.RunAsync("retry", id);

        first.Json["cancelledNow"]!.GetValue<bool>().Should().BeTrue();
        second.Out.Should().Contain("was already cancelled");
        retry.ExitCode.Should().Be(ExitCodes.Conflict, retry.ToString());
    }

    [Fact]
    public async Task Errors_WhileServeRuns_HaveTheDirectPathsExitCodesAndMessages()
    {
        foreach (var args in new[]
        {
            new[] { "extend", "req-unknown", "--months", "1", "--reason", "complex" },
            ["cancel", "req-unknown", "--reason", "withdrawn"],
            ["task", "succeed", "no-such-token", "--outcome", "erased"],
            ["task", "fail", "no-such-token", "--error", "Erasure.TransientError", "--cause", "system-down"],
            ["submit", "--email", "not-an-email", "--json"],
        })
        {
            var forwarded = await serve.Gdpr.RunAsync(args);
            var alone = await direct.RunAsync(args);

            forwarded.ExitCode.Should().Be(alone.ExitCode, string.Join(' ', args) + "\n" + forwarded);
            forwarded.Out.Should().Be(alone.Out);
            forwarded.Error.Should().Be(alone.Error);
        }
    }

    [Fact]
    public async Task Relay_CommandThatReads_Is400()
    {
        using var response = await PostAsync(ApiRole.Officer, ["status", "req-1"]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Relay_HomeOption_Is400()
    {
        using var response = await PostAsync(ApiRole.Officer, ["cancel", "req-1", "--reason", "x", "--home", "/tmp/elsewhere"]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("--home");
    }

    [Fact]
    public async Task Relay_TaskAnswerWithASystemToken_Is403()
    {
        // A system answers only its own tasks, through /tasks/callback; the relay would answer any task.
        using var response = await PostAsync(ApiRole.System, ["task", "heartbeat", "some-token"]);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    public async Task DisposeAsync() => await serve.DisposeAsync();

    public void Dispose()
    {
        serve.Dispose();
        direct.Dispose();
    }

    private async Task<CliRun> RunOkAsync(params string[] args)
    {
        serve.Gdpr.Variables["USER"] = "tester";
        var run = await serve.Gdpr.RunAsync(args);
        run.ExitCode.Should().Be(ExitCodes.Ok, string.Join(' ', args) + "\n" + run);
        return run;
    }

    /// <summary>The support desk's task, sent once the workflow reached it on the server's engine.</summary>
    private async Task<string> WaitForTaskAsync(string requestId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var tasks = await serve.Gdpr.RunAsync("task", "list", "--request", requestId, "--json");
            if (tasks.Json["tasks"]!.AsArray().FirstOrDefault() is { } task)
            {
                return task["taskToken"]!.GetValue<string>();
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the workflow sends the support desk a task once identity is verified");
            await Task.Delay(200);
        }
    }

    private async Task<HttpResponseMessage> PostAsync(ApiRole role, string[] args)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(server.Url), ServeRelay.Route))
        {
            Content = JsonContent.Create(new { args }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", serve.Tokens.TokenOf(role, role == ApiRole.System ? "support-desk" : null));
        return await http.SendAsync(request);
    }

    private static string MaskIds(string text) => RequestId().Replace(text, "req-*");

    [GeneratedRegex("req-[A-Za-z0-9-]+")]
    private static partial Regex RequestId();
}
