using System.Diagnostics;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.WebConsole.Tests.Support;

/// <summary>
/// The real <c>gdpr serve</c> as a child process on a fresh data directory, with the console line it printed, and
/// <c>gdpr console</c> run as another child process against it.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private readonly Task pumping;

    private ServeProcess(string home, Process process)
    {
        Home = home;
        this.process = process;
        pumping = Task.WhenAll(PumpAsync(process.StandardOutput, output), PumpAsync(process.StandardError, output));
    }

    public string Home { get; }

    /// <summary>The line serve printed that starts with <c>Console: </c>.</summary>
    public string ConsoleLine { get; private set; } = string.Empty;

    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    public static async Task<ServeProcess> StartAsync()
    {
        var home = Path.Combine(Path.GetTempPath(), "gdpr-serve-console-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        var serve = new ServeProcess(home, Process.Start(Gdpr(home, "serve", "--officer", "Olivia Officer")) ?? throw new InvalidOperationException("dotnet did not start."));
        var deadline = Stopwatch.StartNew();
        while (serve.Find("Console: ") is not { } line)
        {
            if (serve.process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(120))
            {
                var printed = serve.Output;
                await serve.DisposeAsync();
                throw new InvalidOperationException($"gdpr serve printed no console line:\n{printed}");
            }

            await Task.Delay(50);
        }

        serve.ConsoleLine = serve.Find("Console: ")!;
        return serve;
    }

    /// <summary>Runs <c>gdpr</c> (e.g. <c>console --role auditor --json</c>) on the same data directory; returns exit code and stdout.</summary>
    public async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] arguments)
    {
        using var child = Process.Start(Gdpr(Home, arguments)) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (child.ExitCode, await stdout, await stderr);
    }

    /// <summary>The URL <c>gdpr console --json</c> printed as its last line.</summary>
    public static string UrlOf(string json) => JsonNode.Parse(json.TrimEnd().Split('\n')[^1])!["url"]!.GetValue<string>();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        await pumping;
        process.Dispose();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temp directory.
        }
    }

    private string? Find(string prefix)
    {
        lock (output)
        {
            return output.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    private static ProcessStartInfo Gdpr(string home, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gdpr.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[GdprHome.EnvironmentVariable] = home;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    private static async Task PumpAsync(StreamReader from, List<string> into)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.Add(line);
            }
        }
    }
}
