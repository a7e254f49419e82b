using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Gdpr.Workflows.Benchmarks.Stores;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.Stores.Sqlite;
using Gdpr.Workflows.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Gdpr.Workflows.Benchmarks.WebConsole;

/// <summary>
/// `console`: N requests (5 systems, 10 audit events each) written straight into a data directory's SQLite store, the
/// console served over it by Kestrel on loopback, then the server time (first byte in to last byte out, measured in the
/// server) of the queue's first page and of request pages, the page weight of the queue with its assets, and
/// axe-core's violations in Chromium. Last line: `console: queue p99 A ms, request p99 B ms, page KB C, axe violations V`.
/// </summary>
internal static class ConsoleBenchmark
{
    public const string OptionsHelp = "--requests N: requests in the store, default 1000000; --samples S: timed pages of each kind, default 500";

    private const int Warmup = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = 1_000_000;
        var samples = 500;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                await System.Console.Error.WriteLineAsync($"error: console takes {OptionsHelp}");
                return Subcommands.UsageError;
            }

            switch (args[i])
            {
                case "--requests": requests = value; break;
                case "--samples": samples = value; break;
                default:
                    await System.Console.Error.WriteLineAsync($"error: console takes {OptionsHelp}");
                    return Subcommands.UsageError;
            }
        }

        var directory = Path.Combine(Path.GetTempPath(), $"gdpr-console-bench-{Guid.NewGuid():N}");
        try
        {
            await RunAsync(directory, requests, samples);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task RunAsync(string directory, int requests, int samples)
    {
        var home = GdprHome.At(directory).EnsureCreated();
        var data = new StoresDataSet(requests);
        System.Console.WriteLine($"console benchmark: {requests:N0} requests x {StoresDataSet.Systems} systems x {StoresDataSet.EventsPerRequest} audit events in {home.StoresFile}");
        using (var stores = SqliteStores.Open(home.StoresFile, new SqliteStoreOptions { CacheSizeKiB = 256 * 1024 }))
        {
            StoresBenchmark.Fill(stores, data, 0);
        }

        // "Now" is the end of the data set's two years, when one request in ten is still open and most of those overdue.
        var time = new FixedTime(StoresDataSet.Epoch.AddDays(730));
        await using var host = await LocalHost.StartAsync(new LocalHostOptions { Home = home, RunEngine = false, Time = time });
        var tokens = ApiTokens.LoadOrCreate(home, host.Services.Registry.Systems.Select(s => s.Name));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var web = builder.Build();
        var serverTimes = new ServerTimes();
        web.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            await next(context);
            await context.Response.CompleteAsync();
            serverTimes.Add(context.Request.Path.Value ?? string.Empty, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
        var console = web.MapConsole(new ConsoleOptions { Host = host, Tokens = tokens, Cli = new ConsoleCommandLine(host), Time = time });
        await web.StartAsync();
        var baseUrl = web.Urls.First().TrimEnd('/');

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        (await http.GetAsync(new Uri(baseUrl + console.SignInPath(new ApiPrincipal(ApiRole.Officer), "Benchmark")))).StatusCode.Should(HttpStatusCode.SeeOther);

        var random = new Random(42);
        string OpenRequest() => StoresDataSet.RequestId(random.Next(Math.Max(1, requests / 10)) * 10);
        var queue = await MeasureAsync(http, serverTimes, samples, _ => "/");
        var request = await MeasureAsync(http, serverTimes, samples, _ => "/console/requests/" + OpenRequest());

        var queueHtml = await http.GetByteArrayAsync(new Uri("/", UriKind.Relative));
        var css = await http.GetByteArrayAsync(new Uri("/assets/console.css", UriKind.Relative));
        var js = await http.GetByteArrayAsync(new Uri("/assets/console.js", UriKind.Relative));
        var requestHtml = await http.GetByteArrayAsync(new Uri("/console/requests/" + OpenRequest(), UriKind.Relative));
        var pageKb = (queueHtml.Length + css.Length + js.Length) / 1024.0;
        System.Console.WriteLine();
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queue, first page (50 rows)   server p50 {queue.P50:F2} ms   p99 {queue.P99:F2} ms   max {queue.Max:F2} ms   ({samples} samples)"));
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"request page (random open)     server p50 {request.P50:F2} ms   p99 {request.P99:F2} ms   max {request.Max:F2} ms   ({samples} samples)"));
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"page weight: queue HTML {queueHtml.Length / 1024.0:F1} KB + CSS {css.Length / 1024.0:F1} KB + JS {js.Length / 1024.0:F1} KB = {pageKb:F1} KB (request page HTML {requestHtml.Length / 1024.0:F1} KB); no other request is made"));

        var violations = await AxeAsync(baseUrl, console, ["/", "/console/requests/" + OpenRequest()]);
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"console: queue p99 {queue.P99:F1} ms, request p99 {request.P99:F1} ms, page KB {pageKb:F1}, axe violations {violations}"));
        await web.StopAsync();
    }

    private static async Task<(double P50, double P99, double Max)> MeasureAsync(HttpClient http, ServerTimes times, int samples, Func<int, string> path)
    {
        for (var i = 0; i < Warmup; i++)
        {
            (await http.GetAsync(new Uri(path(i), UriKind.Relative))).StatusCode.Should(HttpStatusCode.OK);
        }

        var measured = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var target = path(i);
            using var response = await http.GetAsync(new Uri(target, UriKind.Relative));
            response.StatusCode.Should(HttpStatusCode.OK);
            measured.Add(await times.TakeAsync(target));
        }

        measured.Sort();
        double At(double q) => measured[(int)Math.Min(measured.Count - 1, Math.Ceiling(q * measured.Count) - 1)];
        return (At(0.5), At(0.99), measured[^1]);
    }

    /// <summary>axe-core's violations (every impact) on each page, in Debian's Chromium; the scan's own script bypasses the CSP.</summary>
    private static async Task<int> AxeAsync(string baseUrl, ConsoleApp console, IReadOnlyList<string> paths)
    {
        const string chromium = "/usr/bin/chromium";
        var axe = Path.Combine(RepositoryRoot.Find(), "tools", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(chromium) || !File.Exists(axe))
        {
            throw new BenchmarkSetupException($"The accessibility scan needs {chromium} and {axe}: run scripts/install-test-tools.sh.");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox", "--disable-dev-shm-usage"] });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + console.SignInPath(new ApiPrincipal(ApiRole.Officer), "Benchmark"));
        var script = await File.ReadAllTextAsync(axe);
        var total = 0;
        foreach (var path in paths)
        {
            await page.GotoAsync(baseUrl + path);
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = script });
            var found = await page.EvaluateAsync<JsonElement>("async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => v.id + ' (' + v.impact + ')')");
            var list = found.EnumerateArray().Select(v => v.GetString()).ToList();
            System.Console.WriteLine($"axe {path}: {(list.Count == 0 ? "no violations" : string.Join(", ", list))}");
            total += list.Count;
        }

        return total;
    }

    private static void Should(this HttpStatusCode actual, HttpStatusCode expected)
    {
        if (actual != expected)
        {
            throw new BenchmarkSetupException($"The console answered {(int)actual}, expected {(int)expected}.");
        }
    }

    /// <summary>Server times by path, recorded by the middleware once the response is complete.</summary>
    private sealed class ServerTimes
    {
        private readonly Dictionary<string, double> last = new(StringComparer.Ordinal);

        public void Add(string path, double milliseconds)
        {
            lock (last)
            {
                last[path] = milliseconds;
            }
        }

        /// <summary>The path's server time; the middleware records it just after the client got the last byte, so it may take a moment.</summary>
        public async Task<double> TakeAsync(string path)
        {
            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(5))
            {
                lock (last)
                {
                    if (last.Remove(path, out var milliseconds))
                    {
                        return milliseconds;
                    }
                }

                await Task.Delay(1);
            }

            throw new BenchmarkSetupException($"No server time was recorded for {path}.");
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
