using System.Text.Json;
using Gdpr.Workflows.Local;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gdpr.Workflows.WebConsole.Tests.Browser;

/// <summary>
/// The console in a real browser (Debian's Chromium): every screen and action as each role, keyboard-only use,
/// axe-core's scan, hostile strings in every free-text field, CSRF and role refusals, with screenshots kept in
/// TestResults/console-screenshots.
/// </summary>
[Collection("browser")]
public sealed class ConsoleBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Missing = "Chromium is not installed at /usr/bin/chromium: run scripts/install-test-tools.sh (CI does).";
    private const string Hostile = "<script>window.__xss=1</script>\"'><img src=x onerror=\"window.__xss=2\">";

    private static readonly ApiPrincipal Officer = new(ApiRole.Officer);
    private static readonly ApiPrincipal Auditor = new(ApiRole.Auditor);
    private static readonly ApiPrincipal SupportDesk = new(ApiRole.System, "support-desk");

    [SkippableFact]
    public async Task Officer_EveryScreenAndAction_WorksAndIsRecordedWithTheirName()
    {
        Skip.If(BrowserFixture.ChromiumMissing, Missing);
        var id = await fixture.Server.SubmitAsync("walk@example.com");
        var cancelId = await fixture.Server.SubmitAsync("walk-cancel@example.com");
        var page = await fixture.SignInAsync(Officer, "Olivia Officer");

        page.Url.Should().Be(fixture.Server.BaseUrl);
        await Expect(page.Locator($"#queue [data-request-id='{id}']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "queue");
        await page.CheckAsync("#awaiting");
        await page.ClickAsync("form.filters button[type=submit]");
        await Expect(page.Locator($"#queue [data-request-id='{id}']")).ToBeVisibleAsync();
        var csv = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
        (await File.ReadAllTextAsync((await csv.PathAsync())!)).Should().Contain(id);

        await page.ClickAsync($"#queue [data-request-id='{id}'] a");
        await Expect(page.Locator("#chain-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^verified"));
        await Expect(page.Locator("#do-extend")).ToBeDisabledAsync();
        await ActAsync(page, "verify", () => page.FillAsync("#method", "id-document"), "identity verified");
        (await page.Locator("[data-system]").CountAsync()).Should().BeGreaterThanOrEqualTo(4);
        await ActAsync(page, "extend", async () =>
        {
            await page.SelectOptionAsync("#extend-reason", "complex");
            await page.FillAsync("#extend-detail", "several systems");
        }, "deadline extended");
        await ActAsync(page, "pause", null, "clock stopped");
        await ActAsync(page, "resume", null, "clock restarted");
        await ActAsync(page, "retry-all", null, "Request " + id);
        await Expect(page.Locator("#chain-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^verified"));
        await BrowserFixture.ScreenshotAsync(page, "request");
        (await page.Locator("#events").InnerTextAsync()).Should().Contain("Olivia Officer");

        await page.GotoAsync(fixture.Server.BaseUrl + "console/requests/" + cancelId);
        await ActAsync(page, "cancel", null, "cancelled");
        (await fixture.Server.Host.Stores.Requests.GetAsync(cancelId))!.IsOpen.Should().BeFalse();

        await page.GotoAsync(fixture.Server.BaseUrl + "console/tasks");
        await BrowserFixture.ScreenshotAsync(page, "tasks-officer");
        await page.GotoAsync(fixture.Server.BaseUrl + "console/audit?request=" + id);
        await Expect(page.Locator("#chain-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^verified"));
        await BrowserFixture.ScreenshotAsync(page, "audit");
        var export = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export"));
        (await File.ReadAllTextAsync((await export.PathAsync())!)).Should().StartWith("requestId,sequence,occurredAt,type").And.Contain(id);
        await page.ClickAsync("#verify-all");
        await Expect(page.Locator("#chain-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^verified"));

        await page.GotoAsync(fixture.Server.BaseUrl + "console/report");
        await Expect(page.Locator("#figures")).ToContainTextAsync("Answered in time");
        await Expect(page.Locator("#chart-weekly")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "report");
    }

    [SkippableFact]
    public async Task System_SeesAndAnswersOnlyItsOwnTasks()
    {
        Skip.If(BrowserFixture.ChromiumMissing, Missing);
        var id = await fixture.Server.SubmitAsync("task@example.com");
        (await fixture.Server.RunAsync("verify", id, "--method", "id-document")).ExitCode.Should().Be(0);
        fixture.Server.Host.Inbox.Open("support-desk", id).Should().NotBeEmpty("the support desk is sent a task once the identity is verified");

        var orders = await fixture.SignInAsync(new ApiPrincipal(ApiRole.System, "orders"), "Orders team");
        await Expect(orders.Locator($"li.task[data-request-id='{id}']")).ToHaveCountAsync(0);
        (await orders.GotoAsync(fixture.Server.BaseUrl + "console/requests/" + id))!.Status.Should().Be(403);
        (await orders.GotoAsync(fixture.Server.BaseUrl + "console/audit"))!.Status.Should().Be(403);

        var page = await fixture.SignInAsync(SupportDesk, "Support desk");
        page.Url.Should().EndWith("/console/tasks");
        var task = page.Locator($"li.task[data-request-id='{id}']");
        await Expect(task).ToBeVisibleAsync();
        (await page.ContentAsync()).Should().NotContain(fixture.Server.Host.Inbox.Open("support-desk", id)[0].TaskToken);
        await BrowserFixture.ScreenshotAsync(page, "tasks-system");
        await task.Locator("input[value='erased']").CheckAsync();
        await task.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("#flash.ok")).ToContainTextAsync("Answer delivered");
        fixture.Server.Host.Inbox.Open("support-desk", id).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Auditor_SeesNoActionAndIsRefusedOneFromTheBrowser()
    {
        Skip.If(BrowserFixture.ChromiumMissing, Missing);
        var id = await fixture.Server.SubmitAsync("audited@example.com");
        var page = await fixture.SignInAsync(Auditor, "Ada Auditor");
        await page.GotoAsync(fixture.Server.BaseUrl + "console/requests/" + id);

        await Expect(page.Locator("#actions")).ToHaveCountAsync(0);
        await Expect(page.Locator("form[action*='/actions/']")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "request-auditor");
        var status = await page.EvaluateAsync<int>(
            """
            async (id) => {
              const token = document.querySelector('input[name="_csrf"]').value;
              const body = new URLSearchParams({ _csrf: token, confirm: 'yes', reason: 'withdrawn-by-subject' });
              const response = await fetch('/console/requests/' + id + '/actions/cancel', { method: 'POST', body });
              return response.status;
            }
            """, id);

        status.Should().Be(403);
        (await fixture.Server.Host.Stores.Requests.GetAsync(id))!.IsOpen.Should().BeTrue();
    }

    /// <summary>
    /// The reply to the requester (as gdpr reply prints it): officers read it on the request page's link and download
    /// it; auditors see that it was sent (and its hash), not the letter, and its pages refuse them (the decision in
    /// ReplyPage: the letter is the officers' correspondence).
    /// </summary>
    [SkippableFact]
    public async Task Reply_ClosedRequest_OfficerViewsAndDownloadsItAuditorIsRefused()
    {
        Skip.If(BrowserFixture.ChromiumMissing, Missing);
        var id = await fixture.Server.SubmitAsync("reply@example.com");
        var refused = await fixture.Server.RunAsync("refuse", id, "--reason", "excessive", "--detail", "The same request was answered last week.");
        refused.ExitCode.Should().Be(0, refused.Error);
        var printed = await fixture.Server.RunAsync("reply", id);
        printed.ExitCode.Should().Be(0, printed.Error);
        printed.Output.Should().Contain(id);

        var page = await fixture.SignInAsync(Officer, "Olivia Officer");
        await page.GotoAsync(fixture.Server.BaseUrl + "console/requests/" + id);
        await Expect(page.Locator("#reply-status")).ToContainTextAsync("Sent (SHA-256 ");
        await page.ClickAsync("#view-reply");
        await Expect(page.Locator("#reply-text")).ToContainTextAsync("The same request was answered last week.");
        (await page.Locator("#reply-text").InnerTextAsync()).TrimEnd().Should().Be(printed.Output.TrimEnd(), "the page shows what gdpr reply prints");
        await BrowserFixture.ScreenshotAsync(page, "reply");
        var text = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Download (text)"));
        (await File.ReadAllTextAsync((await text.PathAsync())!)).TrimEnd().Should().Be(printed.Output.TrimEnd());
        text.SuggestedFilename.Should().Be($"reply-{id}.txt");
        var html = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("text=Download (HTML)"));
        (await File.ReadAllTextAsync((await html.PathAsync())!)).Should().Contain("<").And.Contain(id);

        var auditor = await fixture.SignInAsync(Auditor, "Ada Auditor");
        await auditor.GotoAsync(fixture.Server.BaseUrl + "console/requests/" + id);
        await Expect(auditor.Locator("#reply-status")).ToContainTextAsync("Sent (SHA-256 ");
        await Expect(auditor.Locator("#view-reply")).ToHaveCountAsync(0);
        (await auditor.GotoAsync(fixture.Server.BaseUrl + $"console/requests/{id}/reply"))!.Status.Should().Be(403);
        (await auditor.ContentAsync()).Should().NotContain("The same request was answered last week.");
        (await auditor.GotoAsync(fixture.Server.BaseUrl + $"console/requests/{id}/reply.txt"))!.Status.Should().Be(403);

        var scanned = await fixture.SignInAsync(Officer, bypassCsp: true);
        var found = new List<string>();
        foreach (var path in new[] { "console/requests/" + id, $"console/requests/{id}/reply" })
        {
            await scanned.GotoAsync(fixture.Server.BaseUrl + path);
            found.AddRange((await AxeAsync(scanned)).Select(v => $"/{path}: {v}"));
        }

        found.Should().BeEmpty();
    }

    /// <summary>
    /// Art. 12(5) from the request page, as <c>gdpr refuse</c>: a detail the command refuses (it holds an address) comes
    /// back with its error and nothing typed lost; corrected, the request is refused with the officer's name. Auditors
    /// see no refusal form and are refused one posted anyway.
    /// </summary>
    [SkippableFact]
    public async Task Officer_RefusalForm_RefusedInputKeptThenRequestRefusedAuditorSeesNoForm()
    {
        Skip.If(BrowserFixture.ChromiumMissing, Missing);
        const string withAddress = "Asked again by someone@example.com the same day";
        const string detail = "The same request was answered in full last week; this one repeats it unchanged.";
        var id = await fixture.Server.SubmitAsync("refuse-form@example.com");
        var other = await fixture.Server.SubmitAsync("refuse-form-auditor@example.com");
        var page = await fixture.SignInAsync(Officer, "Olivia Officer");
        await page.GotoAsync(fixture.Server.BaseUrl + "console/requests/" + id);
        await Expect(page.Locator("#stack-banner")).ToHaveCountAsync(0);

        await page.CheckAsync("#refuse-excessive");
        await page.FillAsync("#refuse-detail", withAddress);
        await page.CheckAsync("#confirm-refuse");
        await page.ClickAsync("#do-refuse");
        await Expect(page.Locator("#flash.error")).ToContainTextAsync("email address or phone number");
        await Expect(page.Locator("#refuse-detail")).ToHaveValueAsync(withAddress);
        await Expect(page.Locator("#refuse-excessive")).ToBeCheckedAsync();
        (await fixture.Server.Host.Stores.Requests.GetAsync(id))!.IsOpen.Should().BeTrue();
        await BrowserFixture.ScreenshotAsync(page, "refusal-kept");

        await page.FillAsync("#refuse-detail", detail);
        await ActAsync(page, "refuse", null, "refused");
        var refused = (await fixture.Server.Host.Stores.Requests.GetAsync(id))!;
        refused.Status.Should().Be(Erasure.Requests.RequestStatus.Refused);
        refused.Refusal!.Detail.Should().Be(detail);
        refused.Refusal.RefusedBy.Should().Be("Olivia Officer");
        await Expect(page.Locator("#events")).ToContainTextAsync("RequestRefused");
        await Expect(page.Locator("#form-refuse")).ToHaveCountAsync(0);

        var auditor = await fixture.SignInAsync(Auditor, "Ada Auditor");
        await auditor.GotoAsync(fixture.Server.BaseUrl + "console/requests/" + other);
        await Expect(auditor.Locator("#form-refuse")).ToHaveCountAsync(0);
        var status = await auditor.EvaluateAsync<int>(
            """
            async (id) => {
              const token = document.querySelector('input[name="_csrf"]').value;
              const body = new URLSearchParams({ _csrf: token, confirm: 'yes', reason: 'unfounded', detail: 'No grounds at all.' });
              const response = await fetch('/console/requests/' + id + '/actions/refuse', { method: 'POST', body });
              return response.status;
            }
            """, other);
        status.Should().Be(403);
        (await fixture.Server.Host.Stores.Requests.GetAsync(other))!.IsOpen.Should().BeTrue();
    }

    [SkippableFact]
    public async Task Form_WithoutItsCsrfToken_IsRefusedFromTheBrowser()
    {
        Skip.If(BrowserFixture.ChromiumMissing, Missing);
        var id = await fixture.Server.SubmitAsync("forged@example.com");
        var page = await fixture.SignInAsync(Officer);
        await page.GotoAsync(fixture.Server.BaseUrl + "console/requests/" + id);

        await page.EvaluateAsync("() => document.querySelector('#form-cancel input[name=\"_csrf\"]').remove()");
        await page.CheckAsync("#confirm-cancel");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#do-cancel"), r => r.Url.Contains("/actions/cancel", StringComparison.Ordinal));

        response.Status.Should().Be(403);
        await Expect(page.Locator("main")).ToContainTextAsync("anti-forgery token");
        (await fixture.Server.Host.Stores.Requests.GetAsync(id))!.IsOpen.Should().BeTrue();
    }

    [SkippableFact]
    public async Task Keyboard_QueueAndRequestPage_WorkWithoutAMouse()
    {
        Skip.If(BrowserFixture.ChromiumMissing, Missing);
        var id = await fixture.Server.SubmitAsync("keyboard@example.com");
        var page = await fixture.SignInAsync(Officer);

        await TabToAsync(page, "#q");
        await page.Keyboard.TypeAsync(id);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator($"#queue [data-request-id='{id}']")).ToBeVisibleAsync();
        await TabToAsync(page, $"#queue [data-request-id='{id}'] a");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#chain-status")).ToBeVisibleAsync();
        await TabToAsync(page, "#method");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("account-login");
        await TabToAsync(page, "#confirm-verify");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "#do-verify");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("#flash.ok")).ToContainTextAsync("identity verified");
        (await fixture.Server.Host.Stores.Requests.GetAsync(id))!.Verification.Method.Should().Be("account-login");
    }

    [SkippableFact]
    public async Task Accessibility_EveryScreen_HasNoSeriousOrCriticalViolation()
    {
        Skip.If(BrowserFixture.ChromiumMissing, Missing);
        var id = await fixture.Server.SubmitAsync("axe@example.com");
        (await fixture.Server.RunAsync("verify", id, "--method", "id-document")).ExitCode.Should().Be(0);
        var officer = await fixture.SignInAsync(Officer, bypassCsp: true);
        var system = await fixture.SignInAsync(SupportDesk, "Support desk", bypassCsp: true);
        var found = new List<string>();
        foreach (var (page, path) in new[]
        {
            (officer, string.Empty), (officer, "console/requests/" + id), (officer, "console/tasks"), (officer, "console/audit?request=" + id),
            (officer, "console/audit/verify"), (officer, "console/report"), (system, "console/tasks"),
        })
        {
            await page.GotoAsync(fixture.Server.BaseUrl + path);
            found.AddRange((await AxeAsync(page)).Select(v => $"/{path}: {v}"));
        }

        found.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task HostileStrings_InEveryFreeTextField_AreRenderedInert()
    {
        Skip.If(BrowserFixture.ChromiumMissing, Missing);
        var id = await fixture.Server.SubmitAsync("hostile@example.com");
        (await fixture.Server.RunAsync("verify", id, "--method", "id-document")).ExitCode.Should().Be(0);
        var page = await fixture.SignInAsync(Officer, "O'Brien \"<script>window.__xss=3</script>");
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await Expect(page.Locator("header .who")).ToContainTextAsync("<script>window.__xss=3</script>");
        await page.GotoAsync(fixture.Server.BaseUrl + "?q=" + Uri.EscapeDataString(Hostile + "\u202E"));
        (await page.InputValueAsync("#q")).Should().Contain("<script>").And.Contain("[U+202E]");
        await page.GotoAsync(fixture.Server.BaseUrl + "console/requests/" + id);
        await page.FillAsync("#extend-detail", Hostile);
        await page.CheckAsync("#confirm-extend");
        await page.ClickAsync("#do-extend");
        await Expect(page.Locator("#deadline")).ToContainTextAsync("<script>window.__xss=1</script>");
        await page.FillAsync("#cancel-reason", Hostile + "\u202E");
        await page.CheckAsync("#confirm-cancel");
        await page.ClickAsync("#do-cancel");
        await Expect(page.Locator("#flash")).ToBeVisibleAsync();
        await page.GotoAsync(fixture.Server.BaseUrl + "console/audit?subject=" + Uri.EscapeDataString(Hostile + "\u202E") + "&system=" + Uri.EscapeDataString(Hostile));
        (await page.InputValueAsync("#subject")).Should().Contain("[U+202E]");
        (await page.InputValueAsync("#system")).Should().Be(Hostile);
        await BrowserFixture.ScreenshotAsync(page, "hostile");

        var other = await fixture.SignInAsync(SupportDesk, "Support desk");
        other.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        var task = other.Locator($"li.task[data-request-id='{id}']");
        if (await task.CountAsync() > 0)
        {
            await task.Locator("input[value='failed']").CheckAsync();
            await task.Locator("input[name='cause']").FillAsync(Hostile + "\u202E");
            await task.Locator("button[type=submit]").ClickAsync();
            await Expect(other.Locator("#flash")).ToBeVisibleAsync();
            (await other.EvaluateAsync<bool>("() => window.__xss === undefined && !document.querySelector('img[src=x]')")).Should().BeTrue();
        }

        (await page.EvaluateAsync<bool>("() => window.__xss === undefined && !document.querySelector('img[src=x]')")).Should().BeTrue();
        dialogs.Should().Be(0);
    }

    /// <summary>Ticks the action's Confirm box, submits it and expects a success message containing <paramref name="expected"/>.</summary>
    private static async Task ActAsync(IPage page, string key, Func<Task>? fill, string expected)
    {
        if (fill is not null)
        {
            await fill();
        }

        await page.CheckAsync("#confirm-" + key);
        await page.ClickAsync("#do-" + key);
        await Expect(page.Locator("#flash.ok")).ToContainTextAsync(expected);
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (at most 80 times).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Tab never reached {selector}.");
    }

    /// <summary>axe-core's serious and critical violations on the page (its script added with the CSP bypassed for the scan only).</summary>
    private static async Task<IReadOnlyList<string>> AxeAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = BrowserFixture.AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).join(', ') }))");
        return violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("nodes").GetString()}")
            .ToList();
    }
}
