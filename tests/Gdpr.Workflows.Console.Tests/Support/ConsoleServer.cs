using System.Net;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Gdpr.Workflows.WebConsole.Tests.Support;

/// <summary>
/// The console on Kestrel (127.0.0.1, a free port) over a real local host in a fresh data directory: the engine, the
/// template's handlers and the sample systems (orders, CRM, marketing: sync; support desk: async). Requests are
/// submitted with the real <c>gdpr submit</c>, run in this process as a command forwarded to serve runs.
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private readonly WebApplication web;

    private ConsoleServer(string directory, LocalHost host, WebApplication web, ConsoleApp console, ApiTokens tokens)
    {
        Directory = directory;
        Host = host;
        this.web = web;
        Console = console;
        Tokens = tokens;
        BaseUrl = web.Urls.First().TrimEnd('/') + "/";
    }

    public string Directory { get; }

    public LocalHost Host { get; }

    public ConsoleApp Console { get; }

    public ApiTokens Tokens { get; }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public string BaseUrl { get; }

    public static async Task<ConsoleServer> StartAsync(TimeProvider? time = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gdpr-console-" + Guid.NewGuid().ToString("N"));
        var home = GdprHome.At(directory);
        // The walk pauses and resumes the clock, which the controller must allow for erasure requests (docs/law.md, Art. 12A).
        await File.WriteAllTextAsync(Path.Combine(System.IO.Directory.CreateDirectory(directory).FullName, "settings.json"), """{"clarificationPause": "any-request"}""");
        var host = await LocalHost.StartAsync(LocalDefaults.Options(home, null, null, runEngine: true, time ?? TimeProvider.System));
        var tokens = ApiTokens.LoadOrCreate(home, host.Services.Registry.Systems.Select(s => s.Name));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var web = builder.Build();
        var console = web.MapConsole(new ConsoleOptions { Host = host, Tokens = tokens, Cli = new ConsoleCommandLine(host), Time = time ?? TimeProvider.System });
        await web.StartAsync();
        return new ConsoleServer(directory, host, web, console, tokens);
    }

    /// <summary>A fresh one-time sign-in URL.</summary>
    public string SignInUrl(ApiPrincipal principal, string name = "Olivia Officer") => BaseUrl.TrimEnd('/') + Console.SignInPath(principal, name);

    /// <summary>Runs a gdpr command on the host (as the console does).</summary>
    public Task<ConsoleCommandResult> RunAsync(params string[] arguments) => new ConsoleCommandLine(Host).RunAsync(arguments);

    /// <summary>Submits a request that awaits identity verification; returns its id.</summary>
    public async Task<string> SubmitAsync(string email, params string[] more)
    {
        var result = await RunAsync(["submit", "--email", email, "--json", .. more]);
        result.ExitCode.Should().Be(0, result.Error);
        return JsonNode.Parse(result.Output.TrimEnd().Split('\n')[^1])!["requestId"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        await web.StopAsync();
        await web.DisposeAsync();
        await Host.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping component: the temp directory is left behind.
        }
    }
}
