using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole.Html;
using Gdpr.Workflows.WebConsole.Tests.Support;

namespace Gdpr.Workflows.WebConsole.Tests.Pages;

/// <summary>The console over HTTP without a browser: sign-in, sessions, CSRF, roles, headers and the pages' contents.</summary>
public sealed class ConsoleHttpTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>
{
    private static readonly ApiPrincipal Officer = new(ApiRole.Officer);
    private static readonly ApiPrincipal Auditor = new(ApiRole.Auditor);

    private ConsoleServer Server => fixture.Server;

    [Fact]
    public async Task SignIn_ValidCode_SetsAStrictHttpOnlyCookieAndRedirectsToTheQueue()
    {
        using var client = new BrowserlessClient(Server.BaseUrl);

        var response = await client.SignInAsync(Server.SignInUrl(Officer));

        response.Headers.Location!.ToString().Should().Be("/");
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().StartWith("gdpr-console=").And.Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/");
        (await client.Http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_CodeUsedTwice_IsRefusedTheSecondTime()
    {
        var url = Server.SignInUrl(Officer);
        using var first = new BrowserlessClient(Server.BaseUrl);
        using var second = new BrowserlessClient(Server.BaseUrl);
        await first.SignInAsync(url);

        var again = await second.Http.GetAsync(new Uri(url));

        again.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await second.Http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/console/tasks")]
    [InlineData("/console/audit")]
    [InlineData("/console/report")]
    [InlineData("/console/queue.csv")]
    public async Task Page_WithoutSession_Is401WithAStrictPolicy(string path)
    {
        using var client = new BrowserlessClient(Server.BaseUrl);

        var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Be(Layout.ContentSecurityPolicy);
    }

    [Fact]
    public async Task Pages_CarryTheStrictPolicyAndNoInlineScriptOrStyle()
    {
        var id = await Server.SubmitAsync("pages@example.com");
        using var client = new BrowserlessClient(Server.BaseUrl);
        await client.SignInAsync(Server.SignInUrl(Officer));

        foreach (var path in new[] { "/", "/console/requests/" + id, "/console/tasks", "/console/audit", "/console/report" })
        {
            var response = await client.Http.GetAsync(new Uri(path, UriKind.Relative));
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'self'").And.Contain("script-src 'self'").And.NotContain("unsafe");
            response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
            var html = await response.Content.ReadAsStringAsync();
            html.Should().NotContain("<script>").And.NotContain("style=").And.NotContain(Server.Tokens.Officer);
            html.Should().NotMatchRegex("\\son[a-z]+=", "no inline event handler");
        }
    }

    [Fact]
    public async Task Queue_SubmittedRequest_IsARowWithItsDaysLeft()
    {
        var id = await Server.SubmitAsync("queue@example.com");
        using var client = new BrowserlessClient(Server.BaseUrl);
        await client.SignInAsync(Server.SignInUrl(Officer));

        var html = await client.Http.GetStringAsync(new Uri("/?awaiting=1", UriKind.Relative));
        var csv = await client.Http.GetStringAsync(new Uri("/console/queue.csv?awaiting=1", UriKind.Relative));
        var search = await client.Http.GetStringAsync(new Uri("/?q=queue%40example.com", UriKind.Relative));

        html.Should().Contain("id=\"queue\"").And.Contain($"data-request-id=\"{id}\"").And.Contain("days-ok");
        csv.Should().StartWith("requestId,status,").And.Contain(id + ",AwaitingVerification,");
        search.Should().Contain($"data-request-id=\"{id}\"");
    }

    [Fact]
    public async Task Action_WithoutTheCsrfToken_Is403AndChangesNothing()
    {
        var id = await Server.SubmitAsync("csrf@example.com");
        using var client = new BrowserlessClient(Server.BaseUrl);
        await client.SignInAsync(Server.SignInUrl(Officer));

        var forged = await client.PostAsync($"/console/requests/{id}/actions/verify", ("method", "id-document"), ("confirm", "yes"));
        var wrong = await client.PostAsync($"/console/requests/{id}/actions/verify", ("method", "id-document"), ("confirm", "yes"), ("_csrf", "guess"));

        forged.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Server.Host.Stores.Requests.GetAsync(id))!.Verification.State.Should().Be(Erasure.Requests.VerificationState.Awaiting);
    }

    [Fact]
    public async Task Action_AsAuditor_Is403EvenWithItsOwnToken()
    {
        var id = await Server.SubmitAsync("auditor@example.com");
        using var client = new BrowserlessClient(Server.BaseUrl);
        await client.SignInAsync(Server.SignInUrl(Auditor, "Ada Auditor"));
        var token = await client.CsrfTokenAsync("/console/requests/" + id);

        var page = await client.Http.GetStringAsync(new Uri("/console/requests/" + id, UriKind.Relative));
        var refused = await client.PostAsync($"/console/requests/{id}/actions/cancel", ("reason", "withdrawn-by-subject"), ("confirm", "yes"), ("_csrf", token));

        page.Should().NotContain("id=\"actions\"").And.NotContain("/actions/");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Server.Host.Stores.Requests.GetAsync(id))!.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task Action_Unconfirmed_DoesNothing()
    {
        var id = await Server.SubmitAsync("unconfirmed@example.com");
        using var client = new BrowserlessClient(Server.BaseUrl);
        await client.SignInAsync(Server.SignInUrl(Officer));
        var token = await client.CsrfTokenAsync("/console/requests/" + id);

        var response = await client.PostAsync($"/console/requests/{id}/actions/cancel", ("reason", "withdrawn-by-subject"), ("_csrf", token));
        var page = await client.Http.GetStringAsync(new Uri("/console/requests/" + id, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        page.Should().Contain("tick Confirm");
        (await Server.Host.Stores.Requests.GetAsync(id))!.IsOpen.Should().BeTrue();
    }

    [Fact]
    public async Task Links_NeedTheOfficersToken()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        async Task<HttpResponseMessage> Ask(string? token, string role)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "console/links") { Content = JsonContent.Create(new { role, name = "Sam" }) };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return await http.SendAsync(request);
        }

        (await Ask(null, "officer")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Ask(Server.Tokens.Auditor, "officer")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Ask(Server.Tokens.Officer, "system:nonexistent")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var ok = await Ask(Server.Tokens.Officer, "system:support-desk");
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
        var url = (await ok.Content.ReadFromJsonAsync<JsonObject>())!["url"]!.GetValue<string>();
        url.Should().StartWith(Server.BaseUrl + "signin?code=").And.NotContain(Server.Tokens.Officer).And.NotContain(Server.Tokens.Systems["support-desk"]);
        using var client = new BrowserlessClient(Server.BaseUrl);
        (await client.SignInAsync(url)).Headers.Location!.ToString().Should().Be("/console/tasks");
    }

    [Fact]
    public async Task RequestPage_ShowsTheDeadlineComputationSystemsAndVerifiedChain()
    {
        var id = await Server.SubmitAsync("detail@example.com");
        using var client = new BrowserlessClient(Server.BaseUrl);
        await client.SignInAsync(Server.SignInUrl(Officer));

        var html = await client.Http.GetStringAsync(new Uri("/console/requests/" + id, UriKind.Relative));

        html.Should().Contain("id=\"chain-status\"").And.MatchRegex("id=\"chain-status\"[^>]*>verified");
        html.Should().Contain("data-system=\"orders\"").And.Contain("data-system=\"support-desk\"");
        html.Should().Contain("How it was computed").And.Contain("Clock started").And.Contain("Non-working days skipped");
        html.Should().Contain("Extension is not possible yet", because: "the clock has not started before the identity is verified");
    }
}
