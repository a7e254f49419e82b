using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gdpr.Workflows.Connector;

/// <summary>
/// Push: an HTTP endpoint the host's webhook delivers tasks to. A delivery is taken (202) only with a valid signature
/// inside the replay window (<see cref="WebhookSignature"/>), else refused (401) and nothing runs; the task then runs in
/// the background and is answered through the API, so the sender never waits on the handler. The sender retries what
/// was not taken; the runner drops repeats by task id.
/// </summary>
public sealed class WebhookReceiver(byte[] secret, Uri listenOn, ErasureTaskRunner runner, TimeProvider time) : IAsyncDisposable
{
    private readonly List<Task> running = [];
    private readonly Lock gate = new();
    private WebApplication? app;

    /// <summary>The replay window; deliveries signed further from now are refused.</summary>
    public TimeSpan Window { get; init; } = WebhookSignature.DefaultWindow;

    /// <summary>The address it listens on (the port chosen when <c>listenOn</c> had port 0).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listenOn.ToString());
        app = builder.Build();
        app.MapPost("/", HandleAsync);
        await app.StartAsync(cancellationToken);
        Address = new Uri(app.Urls.First());
    }

    /// <summary>Waits for the tasks taken so far to be answered.</summary>
    public async Task DrainAsync()
    {
        Task[] pending;
        lock (gate)
        {
            pending = [.. running];
        }

        await Task.WhenAll(pending);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        if (!WebhookSignature.Verify(secret, request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader], body, time.GetUtcNow(), Window))
        {
            return Results.Json(new JsonObject { ["error"] = "bad or stale signature" }, statusCode: 401);
        }

        ErasureTask? task;
        try
        {
            task = ErasureTask.TryParse(JsonNode.Parse(body));
        }
        catch (JsonException)
        {
            task = null;
        }

        if (task is null)
        {
            return Results.Json(new JsonObject { ["error"] = "not an erasure task" }, statusCode: 400);
        }

        var run = Task.Run(async () =>
        {
            try
            {
                await runner.RunAsync(task, "webhook");
            }
            catch (Exception e) when (e is HttpRequestException or TransientApiException or ApiException)
            {
                // Not answered: the host redelivers a task that stays open, and the run happens then.
            }
        });
        lock (gate)
        {
            running.RemoveAll(t => t.IsCompleted);
            running.Add(run);
        }

        return Results.Accepted();
    }
}
