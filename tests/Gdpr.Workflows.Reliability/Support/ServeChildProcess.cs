using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Reliability.Support;

/// <summary>
/// The real <c>gdpr serve</c> as a child process on its own data directory, its log (stderr) written to
/// <c>serve.log</c> in that directory so the leak scan reads it with every other persisted byte.
/// </summary>
public sealed class ServeChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter logFile;
    private readonly Task pumping;

    private ServeChildProcess(string home, Process process, StreamWriter logFile, Task pumping)
    {
        Home = home;
        this.process = process;
        this.logFile = logFile;
        this.pumping = pumping;
    }

    public string Home { get; }

    public Uri Url { get; private set; } = null!;

    public ApiTokens Tokens { get; private set; } = null!;

    public string LogFile => Path.Combine(Home, "serve.log");

    public bool IsRunning => !process.HasExited;

    public static async Task<ServeChildProcess> StartAsync(string home, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(home);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryLocator.Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryLocator.GdprDll());
        start.ArgumentList.Add("serve");
        start.Environment[GdprHome.EnvironmentVariable] = home;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = new StreamWriter(Path.Combine(home, "serve.log"), append: true, Encoding.UTF8) { AutoFlush = true };
        var pumping = Task.WhenAll(PumpAsync(process.StandardError, log), PumpAsync(process.StandardOutput, log));
        var serve = new ServeChildProcess(home, process, log, pumping);
        var gdprHome = GdprHome.At(home);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (ServeInfo.TryRead(gdprHome) is not { } info || info.ProcessId != process.Id)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await serve.DisposeAsync();
                throw new InvalidOperationException($"gdpr serve did not start (exit {(process.HasExited ? process.ExitCode : -1)}); see {Path.Combine(home, "serve.log")}.");
            }

            await Task.Delay(50, cancellationToken);
        }

        serve.Url = new Uri(ServeInfo.TryRead(gdprHome)!.Url);
        serve.Tokens = ApiTokens.LoadOrCreate(gdprHome, RepositoryLocator.SampleSystems());
        return serve;
    }

    /// <summary>A request to the API with the bearer token given (none when null).</summary>
    public HttpRequestMessage Request(HttpMethod method, string pathAndQuery, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(Url, pathAndQuery)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>True when the host answers an officer's GET /requests with 200.</summary>
    public async Task<bool> IsHealthyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (!IsRunning)
        {
            return false;
        }

        try
        {
            using var request = Request(HttpMethod.Get, "requests?pageSize=1", Tokens.Officer);
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        await pumping;
        await logFile.DisposeAsync();
        process.Dispose();
    }

    private static async Task PumpAsync(StreamReader from, StreamWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            lock (to)
            {
                to.WriteLine(line);
            }
        }
    }
}
