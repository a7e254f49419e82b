using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Http;
using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Infrastructure;
using Gdpr.Workflows.Cli.Tests.Support;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Stores.DynamoDb;
using Gdpr.Workflows.Stores.Tests.Support;

namespace Gdpr.Workflows.Cli.Tests.Commands;

/// <summary>
/// <c>gdpr serve --aws</c> against a stack on this machine: the template's DynamoDB tables on moto_server, written by a
/// local engine running the real function handlers, and the stack's HTTP API as <see cref="SigV4FrontDoor"/> (real
/// function classes behind a SigV4 check). The console reads the tables and acts through the signed API.
/// </summary>
[Collection(CliMotoCollection.Name)]
public sealed partial class ServeAwsTests(MotoServerFixture moto) : IAsyncLifetime, IDisposable
{
    private readonly string stackHome = Path.Combine(Path.GetTempPath(), "gdpr-stack-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly GdprHarness gdpr = new(moto.HttpClients);
    private DynamoDbTestTables tables = null!;
    private LocalHost stack = null!;
    private SigV4FrontDoor api = null!;
    private string region = null!;

    public async Task InitializeAsync()
    {
        tables = await DynamoDbTestTables.OnMotoAsync(moto);
        region = tables.Client.Config.AuthenticationRegion;
        var stores = new DynamoDbStores(tables.StoreClient, tables.Options);
        stack = await LocalHost.StartAsync(LocalDefaults.Options(GdprHome.At(stackHome), null, null, runEngine: true, TimeProvider.System,
            stores: _ => new ErasureStores(stores.Requests, stores.Audit, stores.Audit, stores.Vault, stores.TaskTokens, owner: null)));
        api = await SigV4FrontDoor.StartAsync(stack, region);
        gdpr.Variables["AWS_REGION"] = region;
        gdpr.Variables["AWS_ACCESS_KEY_ID"] = SigV4FrontDoor.AccessKey;
        gdpr.Variables["AWS_SECRET_ACCESS_KEY"] = SigV4FrontDoor.SecretKey;
        gdpr.Variables["USER"] = "olivia";
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await stack.DisposeAsync();
        await tables.DisposeAsync();
        try
        {
            Directory.Delete(stackHome, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp directory.
        }
    }

    public void Dispose() => gdpr.Dispose();

    [Fact]
    public async Task ServeAws_StackTablesAndSignedApi_QueueRequestPageAndActionsWork()
    {
        var toVerify = await SubmitAsync("verify-me@example.com");
        var toCancel = await SubmitAsync("cancel-me@example.com");
        await using var served = await SignInAsync("serve", "--aws", "--api-url", api.Url.ToString(), "--endpoint", moto.Endpoint.ToString(), "--table-prefix", tables.Prefix);
        var (browser, console) = (served.Browser, served.Console);
        var output = served.Output;

        var queue = await browser.GetStringAsync(new Uri(console));
        var page = await browser.GetStringAsync(new Uri($"{console}console/requests/{toVerify}"));
        await WaitForVerificationTaskAsync(toVerify);
        var verified = await ActAsync(browser, console, toVerify, "verify", ("method", "id-document"));
        var cancelled = await ActAsync(browser, console, toCancel, "cancel", ("reason", "withdrawn-by-subject"));
        var paused = await ActAsync(browser, console, toVerify, "pause");
        var bySubject = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"{console}?q=verify-me%40example.com")));
        var chains = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"{console}console/audit/verify")));
        var report = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"{console}console/report")));
        var tasks = await browser.GetAsync(new Uri($"{console}console/tasks"));
        var tasksPage = WebUtility.HtmlDecode(await tasks.Content.ReadAsStringAsync());
        var relay = await browser.PostAsync(new Uri($"{console}cli"), new StringContent("{}", Encoding.UTF8, "application/json"));
        var fresh = await gdpr.RunAsync("console", "--aws", "--role", "auditor", "--json");
        var systemRole = await gdpr.RunAsync("console", "--aws", "--role", "system:orders", "--json");

        queue.Should().Contain($"data-request-id=\"{toVerify}\"").And.Contain($"data-request-id=\"{toCancel}\"");
        page.Should().Contain("id=\"identity\"").And.Contain("id=\"chain-status\" class=\"chain-ok\"").And.Contain("RequestReceived");
        verified.Should().Contain("Done through the stack's API (verify)");
        cancelled.Should().Contain("Done through the stack's API (cancel): the request is now Cancelled");
        paused.Should().Contain("has no route POST /requests/{requestId}/pause").And.Contain("Nothing was changed");
        (await stack.Stores.Requests.GetAsync(toVerify))!.Verification.State.Should().Be(VerificationState.Verified);
        (await stack.Stores.Requests.GetAsync(toCancel))!.Status.Should().Be(RequestStatus.Cancelled);
        api.Answered.Should().Contain([$"POST /requests/{toVerify}/verification", $"POST /requests/{toCancel}/cancel"]);
        api.Refused.Should().Equal($"404 POST /requests/{toVerify}/pause");
        bySubject.Should().Contain("--subject-key");
        chains.Should().Contain("verified: 2 request(s)", "gdpr audit verify --all --aws ran on the stack's tables");
        report.Should().Contain("id=\"figures\"").And.NotContain("could not be computed");
        tasks.StatusCode.Should().Be(HttpStatusCode.OK, "the Tasks link leads to a page that works on --aws");
        tasksPage.Should().Contain("id=\"no-registry\"").And.Contain($"ssm:/gdpr-workflows/{AwsConsoleBackend.DefaultStage}/systems/").And.Contain("--stage");
        foreach (var shown in new[] { queue, page, tasksPage, chains, report })
        {
            WebUtility.HtmlDecode(shown).Should().Contain($"Deployed stack: API {api.Url.Host}, region {region}, tables {tables.Prefix}*", "every page names the stack it shows");
        }

        output.ToString().Should().Contain($"Deployed stack: API {api.Url.Host}, region {region}, tables {tables.Prefix}*");
        relay.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await relay.Content.ReadAsStringAsync()).Should().Contain("relays no gdpr command");
        fresh.ExitCode.Should().Be(ExitCodes.Ok, fresh.ToString());
        fresh.Json["url"]!.GetValue<string>().Should().StartWith(console + "signin?code=");
        systemRole.ExitCode.Should().Be(ExitCodes.BadInput, systemRole.ToString());
        systemRole.Error.Should().Contain("no system role");
        (await served.StopAsync()).Should().Be(ExitCodes.Ok, served.Output.ToString());
    }

    [Fact]
    public async Task ServeAws_WrongSecretKey_ActionSaysTheApiRefusedTheCredentials()
    {
        var id = await SubmitAsync("wrong-key@example.com");
        gdpr.Variables["AWS_SECRET_ACCESS_KEY"] = "not-the-officers-secret";
        await using var served = await SignInAsync("serve", "--aws", "--api-url", api.Url.ToString(), "--endpoint", moto.Endpoint.ToString(), "--table-prefix", tables.Prefix);
        var (browser, console) = (served.Browser, served.Console);

        var cancelled = await ActAsync(browser, console, id, "cancel", ("reason", "withdrawn-by-subject"));

        cancelled.Should().Contain("refused your AWS credentials (403)");
        api.Refused.Should().Equal($"403 POST /requests/{id}/cancel");
        (await stack.Stores.Requests.GetAsync(id))!.Status.Should().NotBe(RequestStatus.Cancelled);
    }

    [Fact]
    public async Task ServeAws_SubjectKey_SearchFindsTheSubjectByTheStacksKmsHmac()
    {
        using var kms = new KmsClient(new AwsClientOptions { Region = region, Endpoint = moto.Endpoint, Credentials = new BasicAWSCredentials("moto", "moto") });
        var key = await kms.CreateKeyAsync(new KmsCreateKeyRequest { KeySpec = "HMAC_256", KeyUsage = "GENERATE_VERIFY_MAC", Description = "subject hashes" });
        await using var kmsApi = await SigV4FrontDoor.StartAsync(stack, region, new KmsSubjectHasher(kms, key.KeyId));
        var id = await SubmitAsync(kmsApi, "hashed-by-kms@example.com");
        await using var served = await SignInAsync("serve", "--aws", "--api-url", kmsApi.Url.ToString(), "--endpoint", moto.Endpoint.ToString(), "--table-prefix", tables.Prefix, "--subject-key", key.KeyId);
        var (browser, console) = (served.Browser, served.Console);

        var found = await browser.GetStringAsync(new Uri($"{console}?q=Hashed-By-KMS%40example.com"));
        var audit = await browser.GetStringAsync(new Uri($"{console}console/audit?subject=hashed-by-kms%40example.com"));

        found.Should().Contain($"data-request-id=\"{id}\"").And.Contain("every request about this subject");
        audit.Should().Contain(id).And.Contain("RequestReceived");
        (await served.StopAsync()).Should().Be(ExitCodes.Ok, served.Output.ToString());
    }

    [Fact]
    public async Task ServeAws_WithoutApiUrl_ExitsBadInputNamingTheOption()
    {
        var run = await gdpr.RunAsync("serve", "--aws", "--endpoint", moto.Endpoint.ToString(), "--table-prefix", tables.Prefix);

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Error.Should().Contain("--api-url").And.Contain(AwsConsoleBackend.ApiUrlVariable);
    }

    [Fact]
    public async Task ServeAws_PlainHttpApiOffLoopback_ExitsBadInput()
    {
        var run = await gdpr.RunAsync("serve", "--aws", "--api-url", "http://api.example.com/", "--endpoint", moto.Endpoint.ToString(), "--table-prefix", tables.Prefix);

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Error.Should().Contain("https://");
    }

    [Fact]
    public async Task ServeAws_RefusalForm_RefusesThroughTheStacksRefusalRouteAndKeepsRefusedInput()
    {
        var id = await SubmitAsync("refuse-me@example.com");
        await using var served = await SignInAsync("serve", "--aws", "--api-url", api.Url.ToString(), "--endpoint", moto.Endpoint.ToString(), "--table-prefix", tables.Prefix);
        var (browser, console) = (served.Browser, served.Console);
        const string withAddress = "You wrote to us from someone@example.com every day";
        const string detail = "The same request was answered in full last week; this repeats it unchanged.";

        var refusedByStack = await ActAsync(browser, console, id, "refuse", ("reason", "excessive"), ("detail", withAddress));
        var refused = await ActAsync(browser, console, id, "refuse", ("reason", "excessive"), ("detail", detail));

        refusedByStack.Should().Contain("The stack refused (400)").And.Contain("email address or phone number");
        refusedByStack.Should().Contain(withAddress, "what the officer typed comes back in the form").And.Contain("value=\"excessive\" id=\"refuse-excessive\" required checked>");
        refused.Should().Contain("Done through the stack's API (refuse): the request is now Refused");
        api.Answered.Should().Contain($"POST /requests/{id}/refusal");
        var stored = (await stack.Stores.Requests.GetAsync(id))!;
        stored.Status.Should().Be(RequestStatus.Refused);
        stored.Refusal!.Detail.Should().Be(detail);
        stored.Refusal.RefusedBy.Should().Be("assumed-role/gdpr-officer/olivia", "the stack records the IAM caller as the officer");
        (await served.StopAsync()).Should().Be(ExitCodes.Ok, served.Output.ToString());
    }

    [Fact]
    public async Task ServeAws_StackRegistryInSsmAndTaskInbox_ShowsRegistrySystemsAndOpenTasks()
    {
        // A stage of its own, so parallel runs on one moto_server never share a registry.
        var stage = "test-" + Guid.NewGuid().ToString("N")[..8];
        using var ssm = new SsmClient(new AwsClientOptions { Region = region, Endpoint = moto.Endpoint, Credentials = new BasicAWSCredentials("moto", "moto") });
        var parameters = $"/gdpr-workflows/{stage}/systems/";
        await ssm.PutParameterAsync(parameters + "orders", "{name: orders, owner: commerce, mode: sync}");
        await ssm.PutParameterAsync(parameters + "support-desk", "{name: support-desk, owner: customer-support, mode: async, timeoutSeconds: 604800, heartbeatSeconds: 86400}");
        var id = await SubmitAsync("tasked@example.com");
        var inbox = new DynamoDbStores(tables.StoreClient, tables.Options).SystemTasks(TimeProvider.System);
        var token = "token-" + Guid.NewGuid().ToString("N");
        await inbox.RecordAsync(new ErasureTaskMessage(id, "support-desk", token, 86400, 604800), DateTimeOffset.UtcNow);
        await using var served = await SignInAsync("serve", "--aws", "--api-url", api.Url.ToString(), "--endpoint", moto.Endpoint.ToString(), "--table-prefix", tables.Prefix, "--stage", stage);
        var (browser, console) = (served.Browser, served.Console);
        var output = served.Output;

        var tasks = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"{console}console/tasks")));
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"{console}console/requests/{id}")));

        tasks.Should().Contain($"data-request-id=\"{id}\" data-system=\"support-desk\"").And.NotContain(token);
        page.Should().Contain("data-system=\"support-desk\"").And.Contain("support-desk (async)").And.Contain("orders (sync)");
        output.ToString().Should().Contain($"registry ssm:{parameters}");
        (await served.StopAsync()).Should().Be(ExitCodes.Ok, served.Output.ToString());
    }

    [Fact]
    public async Task ServeAws_WrongTablePrefix_ExitsBadInputNamingTableRegionAndOption()
    {
        var run = await gdpr.RunAsync("serve", "--aws", "--api-url", api.Url.ToString(), "--endpoint", moto.Endpoint.ToString(), "--table-prefix", "no-such-stack-");
        var list = await gdpr.RunAsync("list", "--aws", "--endpoint", moto.Endpoint.ToString(), "--table-prefix", "no-such-stack-");

        run.ExitCode.Should().Be(ExitCodes.BadInput, run.ToString());
        run.Error.Should().Contain("no-such-stack-Requests").And.Contain($"region {region}").And.Contain("table prefix 'no-such-stack-'").And.Contain("--table-prefix").And.NotContain("bug");
        list.ExitCode.Should().Be(ExitCodes.BadInput, list.ToString());
        list.Error.Should().Contain("--table-prefix").And.NotContain("bug");
    }

    [Fact]
    public async Task ServeAws_TableGoneWhileServing_PageNamesTablesRegionAndOption()
    {
        var id = await SubmitAsync("table-gone@example.com");
        await using var served = await SignInAsync("serve", "--aws", "--api-url", api.Url.ToString(), "--endpoint", moto.Endpoint.ToString(), "--table-prefix", tables.Prefix);
        var (browser, console) = (served.Browser, served.Console);
        await tables.Client.DeleteTableAsync(tables.Options.RequestsTable);

        using var page = await browser.GetAsync(new Uri($"{console}console/requests/{id}"));
        var text = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        page.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, text);
        text.Should().Contain(tables.Options.RequestsTable).And.Contain($"region {region}").And.Contain("--table-prefix").And.Contain("id=\"stack-banner\"").And.NotContain("bug");
        (await served.StopAsync()).Should().Be(ExitCodes.Ok, served.Output.ToString());
    }

    /// <summary>
    /// Starts <c>gdpr serve</c> with <paramref name="args"/> and signs in through its printed link as the officer (the
    /// link must redirect to the console): the browser holds the session cookie.
    /// </summary>
    private async Task<SignedInConsole> SignInAsync(params string[] args)
    {
        var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var serving = ServeAsync(output, stop.Token, args);
        var served = new SignedInConsole(stop, output, serving);
        try
        {
            var link = await ConsoleLinkAsync(output, serving);
            (await served.Browser.GetAsync(new Uri(link))).StatusCode.Should().Be(HttpStatusCode.SeeOther, "the sign-in link opens a session");
            served.Console = new Uri(link).GetLeftPart(UriPartial.Authority) + "/";
            return served;
        }
        catch
        {
            await served.DisposeAsync();
            throw;
        }
    }

    /// <summary>A serve run and the officer's browser; disposing stops the run if the test did not.</summary>
    private sealed class SignedInConsole(CancellationTokenSource stop, StringWriter output, Task<int> serving) : IAsyncDisposable
    {
        public StringWriter Output => output;

        public HttpClient Browser { get; } = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        public string Console { get; set; } = string.Empty;

        /// <summary>Stops serving and returns its exit code.</summary>
        public async Task<int> StopAsync()
        {
            await stop.CancelAsync();
            return await serving;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            Browser.Dispose();
            stop.Dispose();
        }
    }

    /// <summary>POSTs a confirmed action with the page's anti-forgery token; returns the request page it redirects to (with its message).</summary>
    private static async Task<string> ActAsync(HttpClient browser, string console, string id, string action, params (string Name, string Value)[] fields)
    {
        var page = await browser.GetStringAsync(new Uri($"{console}console/requests/{id}"));
        var csrf = CsrfPattern().Match(page).Groups[1].Value;
        var form = new List<KeyValuePair<string, string>> { new("_csrf", csrf), new("confirm", "yes") };
        form.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var posted = await browser.PostAsync(new Uri($"{console}console/requests/{id}/actions/{action}"), new FormUrlEncodedContent(form));
        posted.StatusCode.Should().Be(HttpStatusCode.SeeOther, await posted.Content.ReadAsStringAsync());
        return WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri(console + posted.Headers.Location!.ToString().TrimStart('/'))));
    }

    /// <summary>Submits through the stack's API, signed as the officer.</summary>
    private Task<string> SubmitAsync(string email) => SubmitAsync(api, email);

    private async Task<string> SubmitAsync(SigV4FrontDoor door, string email)
    {
        using var http = new HttpClient(new AwsSigV4Handler(new BasicAWSCredentials(SigV4FrontDoor.AccessKey, SigV4FrontDoor.SecretKey), region, "execute-api") { InnerHandler = new SocketsHttpHandler() });
        var body = new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = email }) }.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(new Uri(door.Url, "requests"), content);
        var answer = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(answer);
        return JsonNode.Parse(answer)!["requestId"]!.GetValue<string>();
    }

    private Task<int> ServeAsync(StringWriter output, CancellationToken stop, params string[] args)
    {
        var environment = new CliEnvironment
        {
            Out = TextWriter.Synchronized(output),
            Error = TextWriter.Synchronized(output),
            AwsHttpClientFactory = moto.HttpClients,
            Variables = name => name == GdprHome.EnvironmentVariable ? gdpr.Home : gdpr.Variables.GetValueOrDefault(name),
        };
        return Task.Run(() => GdprCli.RunAsync(args, environment, stop));
    }

    private static async Task<string> ConsoleLinkAsync(StringWriter output, Task<int> serving)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var line = output.ToString().Split('\n').FirstOrDefault(l => l.StartsWith("Console: ", StringComparison.Ordinal));
            if (line is not null)
            {
                return line["Console: ".Length..].Trim();
            }

            if (serving.IsCompleted || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"gdpr serve --aws printed no console line (exit {(serving.IsCompleted ? serving.Result : -1)}):\n{output}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The workflow waits for the identity decision once its Verification step stored the task token.</summary>
    private async Task WaitForVerificationTaskAsync(string id)
    {
        var clock = Stopwatch.StartNew();
        while (await stack.Stores.TaskTokens.GetAsync(id, TaskTokenPurposes.IdentityVerification) is null)
        {
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60), "the workflow reaches its verification step");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("name=\"_csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfPattern();
}
