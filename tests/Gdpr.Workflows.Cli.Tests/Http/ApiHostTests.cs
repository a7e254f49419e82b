using System.Net;
using System.Net.Http.Headers;
using Gdpr.Workflows.Cli.Http;
using Gdpr.Workflows.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gdpr.Workflows.Cli.Tests.Http;

/// <summary>The web host's hook: other code mounts endpoints on the same app, and the API's fallback leaves their paths alone.</summary>
public sealed class ApiHostTests : IAsyncLifetime, IDisposable
{
    private readonly string home = Path.Combine(Path.GetTempPath(), "gdpr-apihost-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<string> log = [];
    private LocalHost host = null!;
    private ApiTokens tokens = null!;

    public async Task InitializeAsync()
    {
        host = await LocalHost.StartAsync(new LocalHostOptions { Home = GdprHome.At(home), RunEngine = false });
        tokens = ApiTokens.LoadOrCreate(host.Home, []);
    }

    [Fact]
    public async Task Mounts_ConsoleAndStepFunctionsPaths_AreAnsweredByTheMount()
    {
        await using var server = await StartAsync(app =>
        {
            app.MapGet("/", () => "console home");
            app.MapGet("/console/{**rest}", () => "console page");
            app.MapPost("/", (HttpRequest request) => request.Headers["X-Amz-Target"].ToString());
        });

        var root = await http.GetStringAsync(server.Url);
        var page = await http.GetStringAsync(new Uri(server.Url, "console/queue"));
        using var sfn = new HttpRequestMessage(HttpMethod.Post, server.Url) { Content = new StringContent("{}") };
        sfn.Headers.Add("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        using var sfnAnswer = await http.SendAsync(sfn);

        root.Should().Be("console home");
        page.Should().Be("console page");
        sfnAnswer.StatusCode.Should().Be(HttpStatusCode.OK);
        (await sfnAnswer.Content.ReadAsStringAsync()).Should().Be("AWSStepFunctions.ListStateMachines");
        log.Should().Contain(l => l.StartsWith("GET / 200", StringComparison.Ordinal), "mounted endpoints pass the same middleware and log");
    }

    [Fact]
    public async Task ReservedPaths_NothingMounted_ArePlain404NotTheApisAuthentication()
    {
        await using var server = await StartAsync();

        foreach (var path in new[] { string.Empty, "signin", "console/queue", "assets/app.js" })
        {
            using var response = await http.GetAsync(new Uri(server.Url, path));

            response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"GET /{path}");
            response.Headers.WwwAuthenticate.Should().BeEmpty($"GET /{path} is not the API's");
        }
    }

    [Fact]
    public async Task ApiRoutes_WithAMountAtRoot_StillNeedTheirToken()
    {
        await using var server = await StartAsync(app => app.MapGet("/", () => "console home"));

        using var anonymous = await http.GetAsync(new Uri(server.Url, "requests"));
        using var unknown = await http.GetAsync(new Uri(server.Url, "no/such/route"));
        using var rootPost = await http.PostAsync(server.Url, new StringContent("{}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Url, "requests"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Auditor);
        using var authorised = await http.SendAsync(request);

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        rootPost.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "POST / without X-Amz-Target is the API's");
        authorised.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
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

    private Task<ApiHost> StartAsync(params Action<WebApplication>[] mounts) =>
        ApiHost.StartAsync(new ApiHostOptions
        {
            Host = host,
            Tokens = tokens,
            Log = (_, line) =>
            {
                lock (log)
                {
                    log.Add(line);
                }
            },
            Mounts = mounts,
        }, CancellationToken.None);
}
