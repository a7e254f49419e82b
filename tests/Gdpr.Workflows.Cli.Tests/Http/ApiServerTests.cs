using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Http;

/// <summary><c>gdpr serve</c> run in-process: the API on 127.0.0.1 with a token per role.</summary>
public sealed class ApiServerTests : IAsyncLifetime, IDisposable
{
    private readonly ServeProcess serve = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private ApiTokens tokens = null!;
    private Uri url = null!;

    public async Task InitializeAsync()
    {
        await serve.StartAsync();
        url = serve.Url;
        tokens = serve.Tokens;
    }

    [Fact]
    public async Task AnyRoute_WithoutToken_Is401()
    {
        using var response = await http.GetAsync(new Uri(url, "requests"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Submit_WithAuditorToken_Is403()
    {
        using var response = await SendAsync(HttpMethod.Post, "requests", ApiRole.Auditor, new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = "a@example.com" }) });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SubmitThenStatusAndHistory_WithOfficerToken_Work()
    {
        using var submitted = await SendAsync(HttpMethod.Post, "requests", ApiRole.Officer, new JsonObject
        {
            ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = "api@example.com" }),
            ["channel"] = "web-form",
        });
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var requestId = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["requestId"]!.GetValue<string>();

        using var status = await SendAsync(HttpMethod.Get, $"requests/{requestId}", ApiRole.Auditor);
        using var history = await SendAsync(HttpMethod.Get, $"requests/{requestId}/history", ApiRole.Officer);

        status.StatusCode.Should().Be(HttpStatusCode.OK);
        (await status.Content.ReadFromJsonAsync<JsonObject>())!["deadline"]!.AsObject().Should().NotBeEmpty();
        history.StatusCode.Should().Be(HttpStatusCode.OK);
        (await history.Content.ReadFromJsonAsync<JsonObject>())!["chainIntact"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Submit_MalformedEmail_Is400WithTheReason()
    {
        using var response = await SendAsync(HttpMethod.Post, "requests", ApiRole.Officer, new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = "nope" }) });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!["message"]!.GetValue<string>().Should().Contain("identifiers[0]");
    }

    [Fact]
    public async Task Status_UnknownRequest_Is404()
    {
        using var response = await SendAsync(HttpMethod.Get, "requests/req-unknown", ApiRole.Officer);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Callback_UnknownToken_Is404ForTheSystemRole()
    {
        using var response = await SendAsync(HttpMethod.Post, "tasks/callback", ApiRole.System, new JsonObject { ["taskToken"] = "unknown", ["outcome"] = "erased", ["receipt"] = "T-1" });
        using var officer = await SendAsync(HttpMethod.Post, "tasks/callback", ApiRole.Officer, new JsonObject { ["taskToken"] = "unknown" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        officer.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    public async Task DisposeAsync()
    {
        if (await serve.StopAsync() is { } run)
        {
            run.ExitCode.Should().Be(0, run.ToString());
        }

        await serve.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        http.Dispose();
        serve.Dispose();
    }

    public static TheoryData<string> AnswerCases() => ContractCases.Names();

    /// <summary>The erasure-task contract's shared cases (contracts/erasure-task/v1/cases), as the TaskCallback function runs them.</summary>
    [Theory]
    [MemberData(nameof(AnswerCases))]
    public async Task TasksCallback_ContractCase_AcceptedIs404ForAnUnknownTokenRejectedIs400(string name)
    {
        var (expect, body) = ContractCases.Get(name);

        using var response = await SendAsync(HttpMethod.Post, "tasks/callback", ApiRole.System, body);

        response.StatusCode.Should().Be(expect == "accepted" ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ContractSchemas_Served_AreTheRepositoryFiles()
    {
        using var response = await SendAsync(HttpMethod.Get, "contracts/erasure-task/v1/task.schema.json", ApiRole.System);

        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var file = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(ContractCases.Root, "contracts", "erasure-task", "v1", "task.schema.json")))!;
        JsonNode.DeepEquals(served, file).Should().BeTrue();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, ApiRole role, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.TokenOf(role, "support-desk"));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return http.SendAsync(request);
    }
}
