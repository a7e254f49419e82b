using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Reliability.Tests.Support;

namespace Gdpr.Workflows.Reliability.Tests.Http;

/// <summary>
/// Who may do what on the local API: loopback only, a token for every call, and each role (and each system) limited to
/// what it needs. Task tokens reach only the system whose task it is.
/// </summary>
public sealed class ApiServerAccessTests(ServedApi api) : IClassFixture<ServedApi>
{
    private const string SubmitBody = """{"identifiers": [{"kind": "customer_id", "value": "C-ACCESS-1"}], "channel": "portal"}""";

    public static TheoryData<string, string> EveryRoute => new()
    {
        { "POST", "requests" }, { "GET", "requests" }, { "GET", "requests/req-x" }, { "GET", "requests/req-x/history" },
        { "POST", "requests/req-x/cancel" }, { "POST", "requests/req-x/verification" }, { "POST", "requests/req-x/extension" },
        { "POST", "tasks/callback" }, { "GET", "tasks" }, { "GET", "audit/verify?request=req-x" }, { "GET", "no/such/route" }, { "DELETE", "requests" },
    };

    [Fact]
    public async Task Listener_NonLoopbackAddress_RefusesTheConnection()
    {
        IPAddress.IsLoopback(IPAddress.Parse(api.Url.Host)).Should().BeTrue("the API is served on 127.0.0.1");
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(a => a.Address))
            .Where(a => !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
            .ToList();

        foreach (var address in others)
        {
            using var client = new TcpClient(address.AddressFamily);
            var connect = async () => await client.ConnectAsync(address, api.Url.Port);

            await connect.Should().ThrowAsync<SocketException>($"nothing listens on {address}:{api.Url.Port}");
        }
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task AnyRoute_WithoutOrWithAWrongToken_Is401(string method, string path)
    {
        foreach (var (token, scheme) in new (string?, string)[] { (null, "Bearer"), ("wrong", "Bearer"), (api.Tokens.Officer + "0", "Bearer"), (api.Tokens.Officer, "Basic"), (api.Tokens.Officer.ToUpperInvariant(), "Bearer") })
        {
            using var response = await api.SendAsync(new HttpMethod(method), path, token, method == "POST" ? "{}" : null, scheme);

            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{method} /{path} with {scheme} {(token is null ? "no token" : "a wrong token")}");
            response.Headers.WwwAuthenticate.Should().NotBeEmpty();
            (await response.Content.ReadAsStringAsync()).Should().Contain("bearer token");
        }
    }

    [Theory]
    [InlineData("POST", "requests", SubmitBody)]
    [InlineData("POST", "requests/{id}/cancel", """{"reason": "withdrawn"}""")]
    [InlineData("POST", "requests/{id}/extension", """{"months": 1, "reason": "complex request"}""")]
    [InlineData("POST", "requests/{id}/verification", """{"verified": true, "method": "id-document"}""")]
    [InlineData("POST", "tasks/callback", """{"taskToken": "t", "outcome": "erased", "receipt": "T-1"}""")]
    [InlineData("GET", "tasks", null)]
    public async Task Auditor_ChangingOrTaskRoutes_Are403(string method, string path, string? body)
    {
        using var response = await api.SendAsync(new HttpMethod(method), path.Replace("{id}", api.RequestId, StringComparison.Ordinal), api.Tokens.Auditor, body);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ErrorCodeAsync(response)).Should().Be("forbidden");
    }

    [Theory]
    [InlineData("POST", "requests", SubmitBody)]
    [InlineData("GET", "requests", null)]
    [InlineData("GET", "requests/{id}", null)]
    [InlineData("GET", "requests/{id}/history", null)]
    [InlineData("POST", "requests/{id}/cancel", """{"reason": "withdrawn"}""")]
    [InlineData("GET", "audit/verify?request={id}", null)]
    public async Task SystemToken_RequestRoutes_Are403(string method, string path, string? body)
    {
        using var response = await api.SendAsync(new HttpMethod(method), path.Replace("{id}", api.RequestId, StringComparison.Ordinal), api.Tokens.Systems[ServedApi.AsyncSystem], body);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Auditor_ReadRoutes_Work()
    {
        using var status = await api.SendAsync(HttpMethod.Get, $"requests/{api.RequestId}", api.Tokens.Auditor);
        using var history = await api.SendAsync(HttpMethod.Get, $"requests/{api.RequestId}/history", api.Tokens.Auditor);
        using var verify = await api.SendAsync(HttpMethod.Get, $"audit/verify?request={api.RequestId}", api.Tokens.Auditor);

        new[] { status.StatusCode, history.StatusCode, verify.StatusCode }.Should().AllBeEquivalentTo(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SystemToken_TaskList_HoldsOnlyItsOwnTasks()
    {
        using var own = await api.SendAsync(HttpMethod.Get, "tasks", api.Tokens.Systems[ServedApi.AsyncSystem]);
        using var other = await api.SendAsync(HttpMethod.Get, "tasks", api.Tokens.Systems[ServedApi.OtherSystem]);
        using var peek = await api.SendAsync(HttpMethod.Get, $"tasks?system={ServedApi.AsyncSystem}", api.Tokens.Systems[ServedApi.OtherSystem]);

        (await TasksAsync(own)).Should().Contain(t => t["taskToken"]!.GetValue<string>() == api.TaskToken)
            .And.OnlyContain(t => t["system"]!.GetValue<string>() == ServedApi.AsyncSystem);
        (await TasksAsync(other)).Should().BeEmpty("the orders system has no task, and sees none of the support desk's");
        peek.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SystemToken_AnotherSystemsTaskToken_Is404AndTheTaskStaysOpen()
    {
        using var answer = await api.SendAsync(HttpMethod.Post, "tasks/callback", api.Tokens.Systems[ServedApi.OtherSystem],
            new JsonObject { ["taskToken"] = api.TaskToken, ["outcome"] = "erased", ["receipt"] = "T-STOLEN" }.ToJsonString());
        using var own = await api.SendAsync(HttpMethod.Get, "tasks", api.Tokens.Systems[ServedApi.AsyncSystem]);

        answer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await answer.Content.ReadAsStringAsync()).Should().NotContain(api.TaskToken);
        (await TasksAsync(own)).Should().Contain(t => t["taskToken"]!.GetValue<string>() == api.TaskToken, "a refused answer answers nothing");
    }

    [Fact]
    public async Task Officer_TaskList_ShowsTasksWithoutTheirTokens()
    {
        using var response = await api.SendAsync(HttpMethod.Get, "tasks", api.Tokens.Officer);

        var text = await response.Content.ReadAsStringAsync();
        (await TasksAsync(response)).Should().Contain(t => t["requestId"]!.GetValue<string>() == api.RequestId);
        text.Should().NotContain(api.TaskToken).And.NotContain("taskToken");
    }

    [Fact]
    public async Task StatusHistoryListAndLog_NeverHoldTheTaskToken()
    {
        foreach (var token in new[] { api.Tokens.Officer, api.Tokens.Auditor })
        {
            foreach (var path in new[] { $"requests/{api.RequestId}", $"requests/{api.RequestId}/history", "requests", $"audit/verify?request={api.RequestId}" })
            {
                using var response = await api.SendAsync(HttpMethod.Get, path, token);

                response.StatusCode.Should().Be(HttpStatusCode.OK);
                (await response.Content.ReadAsStringAsync()).Should().NotContain(api.TaskToken, $"GET /{path} never shows a task token");
            }
        }

        api.Log.Should().NotContain(api.TaskToken);
    }

    private static async Task<List<JsonObject>> TasksAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tasks"]!.AsArray().Select(t => t!.AsObject()).ToList();

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"]?["code"]?.GetValue<string>();
}
