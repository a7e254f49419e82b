using Gdpr.Workflows.WebConsole.Tests.Support;
using Microsoft.Playwright;

namespace Gdpr.Workflows.WebConsole.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser), and the console server it browses. When
/// /usr/bin/chromium is missing the tests skip saying so; scripts/install-test-tools.sh installs it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;
    private ConsoleServer? server;

    public static bool ChromiumMissing => !File.Exists(ChromiumPath);

    public ConsoleServer Server => server ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Not started.");

    /// <summary>Where screenshots are kept: TestResults/console-screenshots beside this test project.</summary>
    public static string Screenshots { get; } = Path.Combine(ProjectDirectory(), "TestResults", "console-screenshots");

    /// <summary>axe-core's script, from tools/node_modules (scripts/install-test-tools.sh installs it).</summary>
    public static string AxeScript => File.ReadAllText(Path.Combine(RepositoryRoot(), "tools", "node_modules", "axe-core", "axe.min.js"));

    public async Task InitializeAsync()
    {
        server = await ConsoleServer.StartAsync();
        if (ChromiumMissing)
        {
            return;
        }

        Directory.CreateDirectory(Screenshots);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) signed in through a one-time link.</summary>
    public async Task<IPage> SignInAsync(Local.ApiPrincipal principal, string name = "Olivia Officer", bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = bypassCsp, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(Server.SignInUrl(principal, name));
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    private static string ProjectDirectory() => Up(d => File.Exists(Path.Combine(d, "Gdpr.Workflows.Console.Tests.csproj")));

    private static string RepositoryRoot() => Up(d => File.Exists(Path.Combine(d, "Gdpr.Workflows.sln")));

    private static string Up(Func<string, bool> found)
    {
        for (var directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (found(directory))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("Run from inside the repository.");
    }
}
