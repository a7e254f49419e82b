using System.Text.RegularExpressions;
using Gdpr.Workflows.WebConsole.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gdpr.Workflows.WebConsole.Tests.Browser;

/// <summary>
/// The interface other checks rely on, on the real <c>gdpr serve</c> child process: its <c>Console: http://127.0.0.1:P/...</c>
/// line signs an officer in and lands on the queue; <c>gdpr console --role R [--json]</c> prints a fresh link as its
/// last line for each role; a link works once.
/// </summary>
[Collection("browser")]
public sealed partial class ServeConsoleTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task Serve_PrintedLinkAndConsoleLinks_SignEachRoleIn()
    {
        Skip.If(BrowserFixture.ChromiumMissing, "Chromium is not installed at /usr/bin/chromium: run scripts/install-test-tools.sh (CI does).");
        await using var serve = await ServeProcess.StartAsync();

        var printed = ConsoleLinePattern().Match(serve.ConsoleLine);
        printed.Success.Should().BeTrue(serve.ConsoleLine);
        var baseUrl = printed.Groups[1].Value;
        var officer = await OpenAsync(printed.Groups[0].Value["Console: ".Length..]);
        officer.Url.Should().Be(baseUrl);
        await Expect(officer.Locator("#queue")).ToBeVisibleAsync();
        await Expect(officer.Locator("header .who")).ToContainTextAsync("Olivia Officer");

        var auditor = await serve.RunAsync("console", "--role", "auditor", "--json");
        auditor.ExitCode.Should().Be(0, auditor.Error);
        var auditorPage = await OpenAsync(ServeProcess.UrlOf(auditor.Out));
        await Expect(auditorPage.Locator("header .who")).ToContainTextAsync("(auditor)");

        var system = await serve.RunAsync("console", "--role", "system:support-desk");
        system.ExitCode.Should().Be(0, system.Error);
        var systemUrl = system.Out.TrimEnd().Split('\n')[^1];
        systemUrl.Should().StartWith(baseUrl + "signin?code=");
        var systemPage = await OpenAsync(systemUrl);
        systemPage.Url.Should().Be(baseUrl + "console/tasks");

        var again = await OpenAsync(systemUrl);
        await Expect(again.Locator("main")).ToContainTextAsync("does not work");
        (await serve.RunAsync("console", "--role", "nobody")).ExitCode.Should().Be(2);
        serve.Output.Should().NotContain("signin?code=" + systemUrl.Split("code=")[1][..10], "a sign-in code never reaches serve's log");
    }

    private async Task<IPage> OpenAsync(string url)
    {
        var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return page;
    }

    [GeneratedRegex("^Console: (http://127\\.0\\.0\\.1:[0-9]+/)signin\\?code=[A-Za-z0-9_-]+$")]
    private static partial Regex ConsoleLinePattern();
}
