using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Reliability.Tests.Support;

/// <summary>
/// <c>gdpr serve</c> run in-process on a fresh data directory, with one request submitted whose workflow has sent
/// the async support desk its erasure task: the fixture of the access tests.
/// </summary>
public sealed class ServedApi : IAsyncLifetime, IDisposable
{
    public const string AsyncSystem = "support-desk";
    public const string OtherSystem = "orders";

    private readonly CancellationTokenSource stop = new();
    private readonly StringWriter output = new();
    private readonly StringWriter errors = new();
    private Task<int>? serving;

    public string Home { get; } = Path.Combine(Path.GetTempPath(), "gdpr-access-" + Guid.NewGuid().ToString("N")[..12]);

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public Uri Url { get; private set; } = null!;

    public ApiTokens Tokens { get; private set; } = null!;

    /// <summary>The request submitted at start.</summary>
    public string RequestId { get; private set; } = null!;

    /// <summary>The support desk's task token for <see cref="RequestId"/>.</summary>
    public string TaskToken { get; private set; } = null!;

    /// <summary>Everything the server logged so far.</summary>
    public string Log => errors.ToString();

    public async Task InitializeAsync()
    {
        var environment = new CliEnvironment
        {
            Out = TextWriter.Synchronized(output),
            Error = TextWriter.Synchronized(errors),
            Variables = name => name == GdprHome.EnvironmentVariable ? Home : null,
        };
        serving = GdprCli.RunAsync(["serve"], environment, stop.Token);
        var home = GdprHome.At(Home);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ServeInfo.TryRead(home) is not { } info)
        {
            if (serving.IsCompleted || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"gdpr serve did not start: {output}{errors}");
            }

            await Task.Delay(50);
        }

        Url = new Uri(ServeInfo.TryRead(home)!.Url);
        Tokens = ApiTokens.LoadOrCreate(home, [AsyncSystem, OtherSystem]);
        using var submitted = await SendAsync(HttpMethod.Post, "requests", Tokens.Officer, """
            {"identifiers": [{"kind": "email", "value": "access.test@example.com"}], "channel": "portal", "requesterAuthenticated": true}
            """);
        var body = JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!;
        RequestId = body["requestId"]?.GetValue<string>() ?? throw new InvalidOperationException($"submit failed: {body}");
        while (TaskToken is null)
        {
            using var tasks = await SendAsync(HttpMethod.Get, "tasks", Tokens.Systems[AsyncSystem]);
            var open = JsonNode.Parse(await tasks.Content.ReadAsStringAsync())!["tasks"]!.AsArray();
            TaskToken = open.FirstOrDefault(t => t!["requestId"]!.GetValue<string>() == RequestId)?["taskToken"]?.GetValue<string>()!;
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"the support desk was never sent its task: {errors}");
            }

            await Task.Delay(100);
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null, string scheme = "Bearer")
    {
        using var request = new HttpRequestMessage(method, new Uri(Url, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        if (serving is not null)
        {
            await serving;
        }

        Dispose();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing: the temp directory is left for the OS.
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        stop.Dispose();
        output.Dispose();
        errors.Dispose();
    }
}
