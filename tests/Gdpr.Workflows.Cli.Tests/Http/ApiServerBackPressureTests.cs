using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Http;

/// <summary><c>gdpr serve</c> under many calls at once: calls wait their turn; none is refused or fails.</summary>
public sealed class ApiServerBackPressureTests : IAsyncLifetime, IDisposable
{
    private readonly GdprHarness gdpr = new();
    private readonly CancellationTokenSource stop = new();
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 128 }) { Timeout = TimeSpan.FromMinutes(2) };
    private Task<CliRun>? serving;
    private ApiTokens tokens = null!;
    private Uri url = null!;

    public async Task InitializeAsync()
    {
        serving = gdpr.RunAsync(stop.Token, "serve");
        var home = GdprHome.At(gdpr.Home);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ServeInfo.TryRead(home) is not { } info)
        {
            if (serving.IsCompleted || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("gdpr serve did not start: " + (serving.IsCompleted ? (await serving).ToString() : "timed out"));
            }

            await Task.Delay(50);
        }

        url = new Uri(ServeInfo.TryRead(home)!.Url);
        tokens = ApiTokens.LoadOrCreate(home, systems: []);
    }

    [Fact]
    public async Task Submit_ManyAtOnceWithReads_EveryCallAnsweredAndEveryRequestKept()
    {
        var submissions = Enumerable.Range(0, 120).Select(async i =>
        {
            using var response = await SendAsync(HttpMethod.Post, "requests", ApiRole.Officer, new JsonObject
            {
                ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = $"many.{i}@example.com" }),
                ["requesterAuthenticated"] = true,
                ["idempotencyKey"] = $"many-{i}",
            });
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, Id: response.IsSuccessStatusCode ? JsonNode.Parse(body)!["requestId"]!.GetValue<string>() : body);
        }).ToList();
        var reads = Enumerable.Range(0, 60).Select(async _ =>
        {
            using var response = await SendAsync(HttpMethod.Get, "requests", ApiRole.Auditor);
            return response.StatusCode;
        }).ToList();

        var submitted = await Task.WhenAll(submissions);
        var read = await Task.WhenAll(reads);

        submitted.Should().OnlyContain(s => s.StatusCode == HttpStatusCode.Created);
        read.Should().OnlyContain(s => s == HttpStatusCode.OK);
        foreach (var id in submitted.Select(s => s.Id).Distinct())
        {
            using var status = await SendAsync(HttpMethod.Get, $"requests/{id}", ApiRole.Officer);
            status.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        submitted.Select(s => s.Id).Distinct().Should().HaveCount(120);
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        if (serving is not null)
        {
            var run = await serving;
            run.ExitCode.Should().Be(0, run.ToString());
        }

        Dispose();
    }

    public void Dispose()
    {
        http.Dispose();
        stop.Dispose();
        gdpr.Dispose();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, ApiRole role, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.TokenOf(role));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return http.SendAsync(request);
    }
}
