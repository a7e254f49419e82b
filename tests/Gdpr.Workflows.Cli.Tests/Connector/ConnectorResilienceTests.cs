using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Connector;

/// <summary>
/// What a system's receiver meets when things go wrong, each as docs/connectors.md ("When things go wrong") says: the
/// real <c>gdpr serve</c> (<see cref="ServeProcess"/>) and a real receiver process (<see cref="ReceiverProcess"/>).
/// Hours are shortened by settings (the webhook's give-up point, the registry's heartbeat and timeout), never waited.
/// Waits are generous (minutes) for a loaded machine; nothing asserts on speed.
/// </summary>
public sealed class ConnectorResilienceTests : IAsyncLifetime, IDisposable
{
    private const string System = "support-desk";
    private readonly ServeProcess serve = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReceiverDown_PastTheGiveUpPoint_DeadLetteredThenAnsweredByPullWhenItReturns()
    {
        // An hour down, shortened: retried every second (doubling), given up after 4 s instead of 3600.
        serve.Gdpr.Variables["GDPR_WEBHOOK_RETRY_SECONDS"] = "1";
        serve.Gdpr.Variables["GDPR_WEBHOOK_GIVE_UP_SECONDS"] = "4";
        Directory.CreateDirectory(serve.Gdpr.Home);
        await File.WriteAllTextAsync(Path.Combine(serve.Gdpr.Home, "webhooks.json"), new JsonObject { [System] = new JsonObject { ["url"] = $"http://127.0.0.1:{FreePort()}/" } }.ToJsonString());
        await serve.StartAsync();
        var requestId = await SubmitAndVerifyAsync("jane.down@example.com");

        var dead = await WaitForAsync(async () => (await OfficersTaskAsync(requestId)) is { } task && task["delivery"]?["state"]?.GetValue<string>() == "dead" ? task : null);
        dead["delivery"]!["attempts"]!.GetValue<int>().Should().BeGreaterThan(1, "the webhook was retried with backoff before it was given up");
        dead["state"]!.GetValue<string>().Should().Be("open", "a dead letter is the push given up, not the task: it stays answerable");
        (await EventsAsync(requestId)).Should().NotContain(e => e.System == System && (e.Type == "SystemErased" || e.Type == "SystemDidNotRespond"), "the desk answered nothing while it was down");

        using var receiver = ReceiverProcess.Connector(serve.Url, System, SystemToken, handlerSeconds: 0);
        var run = (await receiver.WaitForAsync("run")).Single();

        run["status"]!.GetValue<string>().Should().Be("delivered", receiver.Printed());
        run["outcome"]!.GetValue<string>().Should().Be("erased");
        (await WaitForSystemAsync(requestId, state => state != "AwaitingCallback"))["state"]!.GetValue<string>().Should().Be("Erased");
        (await EventsAsync(requestId)).Where(e => e.Type == "SystemErased" && e.System == System).Should().ContainSingle();
        (await OfficersTaskAsync(requestId)).Should().BeNull("an answered task leaves the list");
    }

    [Fact]
    public async Task ReceiverAnswersTwice_SameAnswer_SecondIsADuplicateAndAuditedOnce()
    {
        await serve.StartAsync();
        var requestId = await SubmitAndVerifyAsync("jane.twice@example.com");

        using var receiver = ReceiverProcess.Bare(serve.Url, System, SystemToken, handlerSeconds: 0, answers: 2);
        var answers = await receiver.WaitForAsync("answer", count: 2);

        answers.Select(a => a["status"]!.GetValue<int>()).Should().Equal([200, 200], receiver.Printed());
        answers[0]["body"]!["duplicate"]!.GetValue<bool>().Should().BeFalse();
        answers[1]["body"]!["duplicate"]!.GetValue<bool>().Should().BeTrue("the same answer again is taken as a duplicate: nothing changes");
        answers[1]["body"]!["answer"]!.GetValue<string>().Should().Be(answers[0]["body"]!["answer"]!.GetValue<string>());
        answers[1]["body"]!["taskId"]!.GetValue<string>().Should().Be(answers[0]["body"]!["taskId"]!.GetValue<string>());
        await WaitForRequestToEndAsync(requestId);
        (await SystemStateAsync(requestId))["state"]!.GetValue<string>().Should().Be("Erased");
        (await EventsAsync(requestId)).Where(e => e.Type == "SystemErased" && e.System == System).Should().ContainSingle("the duplicate is not audited again");
    }

    [Fact]
    public async Task ReceiverAnswersAfterTheTimeout_Refused409AndNothingChanges()
    {
        await serve.StartAsync("--registry", await RegistryAsync(timeoutSeconds: 6, heartbeatSeconds: 6));
        var requestId = await SubmitAndVerifyAsync("jane.late@example.com");

        // The handler takes 20 s; the task times out after 6 (and, without heartbeats, its heartbeat interval too).
        using var receiver = ReceiverProcess.Bare(serve.Url, System, SystemToken, handlerSeconds: 20, answers: 1);
        var late = (await receiver.WaitForAsync("answer")).Single();

        late["status"]!.GetValue<int>().Should().Be(409, receiver.Printed());
        late["body"]!["error"]!["code"]!.GetValue<string>().Should().Be("conflict");
        var ended = await WaitForRequestToEndAsync(requestId);
        ended.Json["status"]!.GetValue<string>().Should().Be("Failed", "its only system did not respond");
        var system = await SystemStateAsync(requestId);
        system["state"]!.GetValue<string>().Should().Be("Failed");
        system["lastError"]!.GetValue<string>().Should().BeOneOf("States.Timeout", "States.HeartbeatTimeout");
        var events = await EventsAsync(requestId);
        events.Should().ContainSingle(e => e.Type == "SystemDidNotRespond" && e.System == System);
        events.Should().NotContain(e => e.Type == "SystemErased");
        var task = await OfficersTaskAsync(requestId, all: true);
        task!["state"]!.GetValue<string>().Should().Be("timed_out");

        // Answered late once more, now that the request has ended: the same refusal, and the record stays as it was.
        var status = (await serve.Gdpr.RunAsync("status", requestId, "--json")).Out;
        using var again = await PostAnswerAsync(receiver.Lines.First(l => l["event"]!.GetValue<string>() == "handling")["taskId"]!.GetValue<string>(), requestId);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await serve.Gdpr.RunAsync("status", requestId, "--json")).Out.Should().Be(status);
        (await EventsAsync(requestId)).Should().HaveCount(events.Count);
    }

    [Fact]
    public async Task SlowHandler_WithTheConnectorsHeartbeats_OutlivesItsHeartbeatIntervalAndIsAnswered()
    {
        await serve.StartAsync("--registry", await RegistryAsync(timeoutSeconds: 600, heartbeatSeconds: 12));
        var requestId = await SubmitAndVerifyAsync("jane.slow@example.com");

        // 30 s of work, more than twice the 12 s heartbeat interval: the connector beats every 4 s meanwhile.
        using var receiver = ReceiverProcess.Connector(serve.Url, System, SystemToken, handlerSeconds: 30);
        var handling = (await receiver.WaitForAsync("handling")).Single();
        var run = (await receiver.WaitForAsync("run")).Single();

        handling["heartbeatSeconds"]!.GetValue<int>().Should().Be(12);
        run["status"]!.GetValue<string>().Should().Be("delivered", receiver.Printed());
        (await WaitForSystemAsync(requestId, state => state != "AwaitingCallback"))["state"]!.GetValue<string>().Should().Be("Erased");
        var task = await OfficersTaskAsync(requestId, all: true);
        task!["state"]!.GetValue<string>().Should().Be("answered");
        task["lastHeartbeatAt"].Should().NotBeNull("officers see the system's last sign of life");
    }

    [Fact]
    public async Task SlowHandler_WithoutHeartbeats_TimesOutAtItsHeartbeatIntervalAndTheAnswerIsRefused()
    {
        await serve.StartAsync("--registry", await RegistryAsync(timeoutSeconds: 600, heartbeatSeconds: 12));
        var requestId = await SubmitAndVerifyAsync("jane.silent@example.com");

        using var receiver = ReceiverProcess.Bare(serve.Url, System, SystemToken, handlerSeconds: 30, answers: 1);
        var answer = (await receiver.WaitForAsync("answer")).Single();

        answer["status"]!.GetValue<int>().Should().Be(409, receiver.Printed());
        var system = await WaitForSystemAsync(requestId, state => state != "AwaitingCallback");
        system["state"]!.GetValue<string>().Should().Be("Failed");
        system["lastError"]!.GetValue<string>().Should().Be("States.HeartbeatTimeout");
        (await EventsAsync(requestId)).Should().ContainSingle(e => e.Type == "SystemDidNotRespond" && e.System == System);
        (await OfficersTaskAsync(requestId, all: true))!["state"]!.GetValue<string>().Should().Be("timed_out");
    }

    public async Task DisposeAsync() => await serve.DisposeAsync();

    public void Dispose() => serve.Dispose();

    private string SystemToken => serve.Tokens.TokenOf(ApiRole.System, System);

    /// <summary>A port nothing listens on (free a moment ago): the receiver that is down.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string because = "")
        where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            DateTime.UtcNow.Should().BeBefore(until, because);
            await Task.Delay(250);
        }
    }

    /// <summary>A registry with the support desk alone, async, with this timeout and heartbeat interval.</summary>
    private async Task<string> RegistryAsync(int timeoutSeconds, int heartbeatSeconds)
    {
        var path = Path.Combine(Directory.CreateDirectory(serve.Gdpr.Home).FullName, "systems.yaml");
        await File.WriteAllTextAsync(path, $"""
            version: 1
            systems:
              - name: {System}
                owner: customer-support
                description: Support tickets, answered by the receiver under test.
                mode: async
                role: processor
                timeoutSeconds: {timeoutSeconds}
                heartbeatSeconds: {heartbeatSeconds}
            """);
        return path;
    }

    private async Task<string> SubmitAndVerifyAsync(string email)
    {
        var submitted = await serve.Gdpr.RunAsync("submit", "--email", email, "--json");
        submitted.ExitCode.Should().Be(ExitCodes.Ok, submitted.ToString());
        var requestId = submitted.Json["requestId"]!.GetValue<string>();
        var verified = await serve.Gdpr.RunAsync("verify", requestId, "--method", "id-document");
        verified.ExitCode.Should().Be(ExitCodes.Ok, verified.ToString());
        return requestId;
    }

    /// <summary>The request's task as officers see it (<c>gdpr task list</c>); null when none is listed.</summary>
    private async Task<JsonNode?> OfficersTaskAsync(string requestId, bool all = false)
    {
        var listed = all ? await serve.Gdpr.RunAsync("task", "list", "--all", "--json") : await serve.Gdpr.RunAsync("task", "list", "--json");
        listed.ExitCode.Should().Be(ExitCodes.Ok, listed.ToString());
        return listed.Json["tasks"]!.AsArray().LastOrDefault(t => t!["requestId"]!.GetValue<string>() == requestId);
    }

    private async Task<JsonNode> SystemStateAsync(string requestId)
    {
        var status = await serve.Gdpr.RunAsync("status", requestId, "--json");
        status.ExitCode.Should().Be(ExitCodes.Ok, status.ToString());
        return status.Json["systems"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == System)!;
    }

    private Task<JsonNode> WaitForSystemAsync(string requestId, Func<string, bool> settled) =>
        WaitForAsync(async () => await SystemStateAsync(requestId) is var row && settled(row["state"]!.GetValue<string>()) ? row : null, "the support desk's row settles once the answer (or the timeout) reached the workflow");

    private Task<CliRun> WaitForRequestToEndAsync(string requestId) =>
        WaitForAsync(
            async () =>
            {
                var status = await serve.Gdpr.RunAsync("status", requestId, "--json");
                return status.Json["status"]!.GetValue<string>() is "Completed" or "CompletedWithExceptions" or "Failed" ? status : null;
            },
            "the workflow ends once every system answered or timed out");

    private async Task<IReadOnlyList<(string Type, string? System)>> EventsAsync(string requestId)
    {
        var history = await serve.Gdpr.RunAsync("history", "--request", requestId, "--json");
        history.ExitCode.Should().Be(ExitCodes.Ok, history.ToString());
        return [.. history.Json["events"]!.AsArray().Select(e => (e!["type"]!.GetValue<string>(), e["system"]?.GetValue<string>()))];
    }

    /// <summary>An answer sent as the system would, to the task the receiver handled (its token from the officers' side is withheld, so from the inbox).</summary>
    private async Task<HttpResponseMessage> PostAnswerAsync(string taskId, string requestId)
    {
        var token = TaskInboxToken(taskId, requestId);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", SystemToken);
        return await http.PostAsJsonAsync(new Uri(serve.Url, "tasks/callback"), new JsonObject { ["taskToken"] = token, ["outcome"] = "erased", ["receipt"] = "late:again" });
    }

    private string TaskInboxToken(string taskId, string requestId)
    {
        using var inbox = new TaskInbox(GdprHome.At(serve.Gdpr.Home).TasksFile, TimeProvider.System);
        return inbox.List(System, requestId, includeClosed: true).Single(t => t.TaskId == taskId).TaskToken;
    }
}
