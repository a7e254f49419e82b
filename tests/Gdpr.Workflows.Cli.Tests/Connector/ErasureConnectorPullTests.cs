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
    private readonly ServeProcess serve = new();

    public Task InitializeAsync() => serve.StartAsync();

    [Fact]
    public async Task PollOnceAsync_TaskWaiting_HandlerGetsTheSubjectAndTheAnswerIsIdempotent()
    {
        var submitted = await serve.Gdpr.RunAsync("submit", "--email", "jane.connector@example.com", "--json");
        submitted.ExitCode.Should().Be(ExitCodes.Ok, submitted.ToString());
        var requestId = submitted.Json["requestId"]!.GetValue<string>();
        (await serve.Gdpr.RunAsync("verify", requestId, "--method", "id-document")).ExitCode.Should().Be(ExitCodes.Ok);
        var handler = new RecordingHandler();
        using var connector = new ErasureConnector(new ConnectorOptions { ApiBaseUri = serve.Url, System = "support-desk", BearerToken = serve.Tokens.TokenOf(ApiRole.System, "support-desk") }, handler);

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
        http.DefaultRequestHeaders.Authorization = new("Bearer", serve.Tokens.TokenOf(ApiRole.System, "support-desk"));
        using var repeat = await http.PostAsJsonAsync(new Uri(serve.Url, "tasks/callback"), ErasureResult.Erased("desk:1").ToJson(handler.Contexts.Single().Task.TaskToken));
        var body = JsonNode.Parse(await repeat.Content.ReadAsStringAsync())!;
        ((int)repeat.StatusCode).Should().Be(200, body.ToJsonString());
        body["duplicate"]!.GetValue<bool>().Should().BeTrue();

        // Answered: the task left every list.
        (await connector.Api.GetTasksAsync(TimeSpan.Zero)).Should().BeEmpty();
    }

    public async Task DisposeAsync() => await serve.DisposeAsync();

    public void Dispose() => serve.Dispose();

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
