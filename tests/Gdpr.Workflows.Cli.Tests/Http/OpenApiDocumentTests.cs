using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Http;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Local;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Gdpr.Workflows.Cli.Tests.Http;

/// <summary>
/// docs/openapi.json against the host <c>gdpr serve</c> runs (its API, the console and the Step Functions API mounted):
/// the document names exactly the JSON routes the host's endpoints answer, is served at /openapi.json byte for byte,
/// and the local-only routes' real answers fit what it documents (the deployed routes' answers are checked in
/// <see cref="RouteParityTests"/>, case by case).
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime, IDisposable
{
    private readonly string home = Path.Combine(Path.GetTempPath(), "gdpr-openapi-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly OpenApiContract contract = OpenApiContract.Load();
    private readonly List<string> problems = [];
    private LocalHost host = null!;
    private ApiHost server = null!;
    private ApiTokens tokens = null!;

    public async Task InitializeAsync()
    {
        host = await LocalHost.StartAsync(LocalDefaults.Options(GdprHome.At(home), templatePath: null, registryPath: null, runEngine: true, TimeProvider.System));
        tokens = ApiTokens.LoadOrCreate(host.Home, host.Services.Registry.Systems.Select(s => s.Name));
        server = await ApiHost.StartAsync(new ApiHostOptions { Host = host, Tokens = tokens, Log = (_, _) => { }, Services = ServeMounts.Services(), Mounts = ServeMounts.For() }, CancellationToken.None);
    }

    [Fact]
    public void Endpoints_OfServe_AreExactlyTheDocumentedOperations()
    {
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var served = endpoints
            .SelectMany(e => e.Metadata.GetMetadata<ApiEndpointMetadata>()?.Methods.Select(m => $"{m} {e.RoutePattern.RawText}") ?? [])
            .ToHashSet(StringComparer.Ordinal);

        served.Should().NotBeEmpty().And.BeEquivalentTo(contract.Operations(), "every JSON route of gdpr serve is in docs/openapi.json, and it names no other");
        endpoints.Where(e => e.Metadata.GetMetadata<ApiEndpointMetadata>() is null).Select(e => e.RoutePattern.RawText)
            .Where(pattern => !IsAnotherProtocol(pattern!))
            .Should().BeEmpty("an endpoint outside the console, its assets, the Step Functions API and the JSON fallback is an API route, and must be marked and documented");
    }

    [Fact]
    public async Task OpenApiJson_WithoutToken_IsTheRepositoryDocumentByteForByte()
    {
        using var response = await http.GetAsync(new Uri(server.Url, "openapi.json"));

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(await File.ReadAllBytesAsync(OpenApiContract.FilePath));
        contract.Document["openapi"]!.GetValue<string>().Should().Be("3.1.0");
        contract.Check("GET", "/openapi.json", 200, contract.Document).Should().BeNull();
    }

    [Fact]
    public async Task LocalOnlyRoutesAndRefusals_RealAnswers_FitTheDocument()
    {
        var submitted = await CallAsync("POST", "/requests", "/requests", """{"identifiers": [{"kind": "email", "value": "openapi@example.com"}], "idempotencyKey": "openapi-1"}""");
        var id = submitted!["requestId"]!.GetValue<string>();
        await CallAsync("POST", "/requests", "/requests", """{"identifiers": [{"kind": "email", "value": "openapi@example.com"}], "idempotencyKey": "openapi-1"}""");
        await host.SettleAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(30));
        await CallAsync("GET", "/requests", "/requests?pageSize=5");
        await CallAsync("GET", "/requests", "/requests?status=AwaitingVerification");
        await CallAsync("GET", "/requests", "/requests?status=nonsense");
        await CallAsync("GET", "/requests/{requestId}", $"/requests/{id}", token: tokens.Auditor);
        await CallAsync("GET", "/requests/{requestId}", $"/requests/{id}", token: string.Empty);
        await CallAsync("POST", "/requests", "/requests", """{"identifiers": [{"kind": "email", "value": "auditor@example.com"}]}""", token: tokens.Auditor);
        await CallAsync("POST", "/requests/{requestId}/verification", $"/requests/{id}/verification", """{"verified": true, "method": "id-document"}""");
        await CallAsync("POST", "/requests/{requestId}/extension", $"/requests/{id}/extension", """{"months": 1, "reason": "complex", "detail": "Many systems."}""");
        await CallAsync("POST", "/requests/{requestId}/extension", $"/requests/{id}/extension", """{"months": 3, "reason": "complex"}""");
        await CallAsync("POST", "/requests/{requestId}/extension", "/requests/req-20250101-unknown/extension", """{"months": 1, "reason": "complex"}""");
        await CallAsync("GET", "/audit/verify", $"/audit/verify?request={id}", token: tokens.Auditor);
        await CallAsync("GET", "/audit/verify", "/audit/verify");
        await CallAsync("GET", "/audit/verify", "/audit/verify?request=req-20250101-unknown");
        await host.SettleAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(30));
        await CallAsync("GET", "/tasks", "/tasks");
        await CallAsync("GET", "/tasks", "/tasks", token: tokens.Systems["support-desk"]);
        await CallAsync("GET", "/tasks", "/tasks?system=crm", token: tokens.Systems["support-desk"]);
        await CallAsync("POST", "/cli", "/cli", """{"args": ["status", "req-20250101-unknown"]}""");

        problems.Should().BeEmpty();
    }

    [Fact]
    public void Check_AnswerTheDocumentDoesNotDescribe_IsAProblem()
    {
        contract.Check("GET", "/requests/{requestId}", 200, JsonNode.Parse("""{"requestId": 1}""")).Should().Contain("is integer, not string").And.Contain("lacks status");
        contract.Check("POST", "/tasks/callback", 200, JsonNode.Parse("""{"delivered": true, "answer": "maybe", "taskId": "t", "duplicate": false}""")).Should().Contain("is not one of");
        contract.Check("POST", "/tasks/callback", 200, JsonNode.Parse("""{"delivered": true, "answer": "succeeded", "taskId": "t", "duplicate": false, "token": "t"}""")).Should().Contain("has token, which is not documented");
        contract.Check("GET", "/requests/{requestId}", 418, null).Should().Contain("the status is not documented");
        contract.Check("DELETE", "/requests/{requestId}", 200, null).Should().Contain("the operation is not documented");
        contract.CheckRequest("POST", "/requests/{requestId}/verification", """{"verified": true, "reason": "x"}""").Should().Contain("oneOf");
        contract.CheckRequest("POST", "/requests", """{"identifiers": [{"kind": "email", "value": "a@example.com"}]}""").Should().BeNull();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
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

    /// <summary>The console's pages and assets, the Step Functions API (POST /) and the API's JSON fallback for unknown paths.</summary>
    private static bool IsAnotherProtocol(string pattern) =>
        pattern is "/" or "/signin" or "{**path}" || pattern.StartsWith("/console/", StringComparison.Ordinal) || pattern.StartsWith("/assets/", StringComparison.Ordinal);

    /// <summary>Calls the host (as the officer unless <paramref name="token"/> says otherwise; empty: no token) and notes what the document does not describe.</summary>
    private async Task<JsonNode?> CallAsync(string method, string template, string path, string? body = null, string? token = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(server.Url, path.TrimStart('/')));
        if (token != string.Empty)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? tokens.Officer);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if (contract.Check(method, template, (int)response.StatusCode, answer) is { } problem)
        {
            problems.Add(problem);
        }

        if (response.IsSuccessStatusCode && contract.CheckRequest(method, template, body) is { } undocumentedBody)
        {
            problems.Add(undocumentedBody);
        }

        return answer;
    }
}
