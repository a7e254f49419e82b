using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Connector;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Connector;

/// <summary>
/// Push from <c>gdpr serve</c> (in-process): each new task of a system with a webhook is POSTed to it, signed; the
/// connector's <see cref="WebhookReceiver"/> checks the signature and answers through the API. A webhook nobody takes
/// is retried with backoff and then dead-lettered, which officers see in <c>gdpr task list --all</c>.
/// </summary>
public sealed class WebhookPushTests : IAsyncLifetime, IDisposable
{
    private readonly ServeProcess serve = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Serve_SystemWithWebhook_ConnectorReceivesTheSignedTaskAndAnswers()
    {
        var handler = new CountingHandler();
        var home = GdprHome.At(serve.Gdpr.Home);
        Directory.CreateDirectory(serve.Gdpr.Home);
        var secret = SecretFile.ReadOrCreate(Path.Combine(serve.Gdpr.Home, "webhook-secret-support-desk"), 32);
        var tokens = ApiTokens.LoadOrCreate(home, ["support-desk"]);
        var port = FreePort();
        using var connector = new ErasureConnector(new ConnectorOptions { ApiBaseUri = new Uri($"http://127.0.0.1:{port}/"), System = "support-desk", BearerToken = tokens.TokenOf(ApiRole.System, "support-desk") }, handler);
        await using var receiver = connector.Webhook(secret, new Uri("http://127.0.0.1:0/"));
        await receiver.StartAsync();
        await StartServeAsync(receiver.Address!, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var requestId = await SubmitAndVerifyAsync("jane.push@example.com");

        var task = await WaitForAsync(async () =>
        {
            var listed = await serve.Gdpr.RunAsync("task", "list", "--all", "--json");
            var found = listed.Json["tasks"]!.AsArray().FirstOrDefault(t => t!["requestId"]!.GetValue<string>() == requestId);
            return found?["state"]?.GetValue<string>() == "answered" ? found : null;
        });
        task.Should().NotBeNull("the pushed task was handled and answered within the wait");
        handler.Calls.Should().Be(1);
        task!["delivery"]!["state"]!.GetValue<string>().Should().Be("delivered");
    }

    [Fact]
    public async Task Serve_WebhookDown_RetriedThenDeadLetteredAndShownToOfficers()
    {
        serve.Gdpr.Variables["GDPR_WEBHOOK_RETRY_SECONDS"] = "1";
        serve.Gdpr.Variables["GDPR_WEBHOOK_GIVE_UP_SECONDS"] = "3";
        await StartServeAsync(new Uri($"http://127.0.0.1:{FreePort()}/"));

        var requestId = await SubmitAndVerifyAsync("jane.down@example.com");

        var dead = await WaitForAsync(async () =>
        {
            var listed = await serve.Gdpr.RunAsync("task", "list", "--json");
            var task = listed.Json["tasks"]!.AsArray().FirstOrDefault(t => t!["requestId"]!.GetValue<string>() == requestId);
            return task?["delivery"]?["state"]?.GetValue<string>() == "dead" ? task : null;
        });
        dead.Should().NotBeNull("a webhook nobody takes is dead-lettered after GDPR_WEBHOOK_GIVE_UP_SECONDS");
        dead!["delivery"]!["attempts"]!.GetValue<int>().Should().BeGreaterThan(1, "it was retried before giving up");
        dead["state"]!.GetValue<string>().Should().Be("open", "the task stays pullable");
    }

    public async Task DisposeAsync() => await serve.DisposeAsync();

    public void Dispose() => serve.Dispose();

    /// <summary>A port nothing listens on (free a moment ago).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<T?> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(250);
        }

        return null;
    }

    private async Task StartServeAsync(Uri webhook, params string[] options)
    {
        Directory.CreateDirectory(serve.Gdpr.Home);
        await File.WriteAllTextAsync(Path.Combine(serve.Gdpr.Home, "webhooks.json"), new JsonObject { ["support-desk"] = new JsonObject { ["url"] = webhook.ToString() } }.ToJsonString());
        await serve.StartAsync(options);
    }

    private async Task<string> SubmitAndVerifyAsync(string email)
    {
        var submitted = await serve.Gdpr.RunAsync("submit", "--email", email, "--json");
        submitted.ExitCode.Should().Be(ExitCodes.Ok, submitted.ToString());
        var requestId = submitted.Json["requestId"]!.GetValue<string>();
        (await serve.Gdpr.RunAsync("verify", requestId, "--method", "id-document")).ExitCode.Should().Be(ExitCodes.Ok);
        return requestId;
    }

    private sealed class CountingHandler : IErasureHandler
    {
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public Task<ErasureResult> EraseAsync(ErasureSubject subject, ErasureContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(ErasureResult.Erased("desk:push"));
        }
    }
}
