using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Connector;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Connector;

/// <summary>The connector library against the local host (<c>gdpr serve</c> in-process), receiving by pull.</summary>
public sealed class ErasureConnectorPullTests : IAsyncLifetime, IDisposable
{
    private readonly GdprHarness gdpr = new();
    private readonly CancellationTokenSource stop = new();
    private Task<CliRun>? serving;
    private Uri url = null!;
    private ApiTokens tokens = null!;

    public async Task InitializeAsync()
    {
        serving = gdpr.RunAsync(stop.Token, "serve");
        var home = GdprHome.At(gdpr.Home);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ServeInfo.TryRead(home) is null)
        {
            if (serving.IsCompleted || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("gdpr serve did not start: " + (serving.IsCompleted ? (await serving).ToString() : "timed out"));
            }

            await Task.Delay(50);
        }

        url = new Uri(ServeInfo.TryRead(home)!.Url);
        tokens = ApiTokens.LoadOrCreate(home, ["support-desk"]);
    }

    [Fact]
    public async Task PollOnceAsync_TaskWaiting_HandlerGetsTheSubjectAndTheAnswerIsIdempotent()
    {
        var submitted = await gdpr.RunAsync("submit", "--email", "jane.connector@example.com", "--json");
        submitted.ExitCode.Should().Be(ExitCodes.Ok, submitted.ToString());
        var requestId = submitted.Json["requestId"]!.GetValue<string>();
        (await gdpr.RunAsync("verify", requestId, "--method", "id-document")).ExitCode.Should().Be(ExitCodes.Ok);
        var handler = new RecordingHandler();
        using var connector = new ErasureConnector(new ConnectorOptions { ApiBaseUri = url, System = "support-desk", BearerToken = tokens.TokenOf(ApiRole.System, "support-desk") }, handler);

        var runs = new List<TaskRun>();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (runs.Count == 0 && DateTime.UtcNow < until)
        {
            runs.AddRange(await connector.PollOnceAsync(TimeSpan.FromSeconds(5)));
        }

        runs.Should().ContainSingle().Which.Should().Match<TaskRun>(r => r.Status == "delivered" && r.Outcome == "erased");
        handler.Subjects.Should().ContainSingle().Which.Find("email").Should().Be("jane.connector@example.com");
        handler.Contexts.Single().ExpectedBy.Should().NotBeNull();
        handler.Contexts.Single().RespondBy.Should().NotBeNull();

        // Delivered again (at least once): the runner drops it by task id; the API takes the same answer again as a duplicate.
        var again = await connector.Runner.RunAsync(handler.Contexts.Single().Task, "pull");
        again.Status.Should().Be("duplicate");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", tokens.TokenOf(ApiRole.System, "support-desk"));
        using var repeat = await http.PostAsJsonAsync(new Uri(url, "tasks/callback"), ErasureResult.Erased("desk:1").ToJson(handler.Contexts.Single().Task.TaskToken));
        var body = JsonNode.Parse(await repeat.Content.ReadAsStringAsync())!;
        ((int)repeat.StatusCode).Should().Be(200, body.ToJsonString());
        body["duplicate"]!.GetValue<bool>().Should().BeTrue();

        // Answered: the task left every list.
        (await connector.Api.GetTasksAsync(TimeSpan.Zero)).Should().BeEmpty();
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        if (serving is not null)
        {
            await serving;
        }
    }

    public void Dispose()
    {
        stop.Dispose();
        gdpr.Dispose();
    }

    private sealed class RecordingHandler : IErasureHandler
    {
        public List<ErasureSubject> Subjects { get; } = [];

        public List<ErasureContext> Contexts { get; } = [];

        public Task<ErasureResult> EraseAsync(ErasureSubject subject, ErasureContext context, CancellationToken cancellationToken)
        {
            lock (Subjects)
            {
                Subjects.Add(subject);
                Contexts.Add(context);
            }

            return Task.FromResult(ErasureResult.Erased("desk:1"));
        }
    }
}
