using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Reliability.Hosting;

/// <summary>
/// The real local host as a child process: <c>dotnet gdpr.dll serve --json</c> with <c>GDPR_HOME</c> set, its stdout
/// and stderr appended to files in <c>$GDPR_HOME/logs</c> (so the leak scan covers what the host printed). It can be
/// killed like a power cut (SIGKILL of the whole process tree) and started again on the same data directory.
/// </summary>
internal sealed class ServeHost(string home, string registryPath, string templatePath) : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly Lock gate = new();
    private Process? process;
    private StreamWriter? stdout;
    private StreamWriter? stderr;
    private volatile Uri? url;

    /// <summary>The gdpr.dll built beside this program (the project references the Cli).</summary>
    public static string GdprDll => Path.Combine(AppContext.BaseDirectory, "gdpr.dll");

    public string Home { get; } = home;

    public string LogDirectory => Path.Combine(Home, "logs");

    /// <summary>Where the running host listens; null while it is down.</summary>
    public Uri? Url => url;

    /// <summary>How many times the host was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Each start's time until the API answered (process start, engine resume, listen).</summary>
    public List<TimeSpan> StartTimes { get; } = [];

    /// <summary>Starts the host and waits until it prints where it listens.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(LogDirectory);
        var clock = Stopwatch.StartNew();
        Starts++;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Home,
        };
        foreach (var argument in new[] { GdprDll, "serve", "--json", "--registry", registryPath, "--template", templatePath })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["GDPR_HOME"] = Home;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new Process { StartInfo = info, EnableRaisingEvents = true };
        var outFile = new StreamWriter(Path.Combine(LogDirectory, $"serve-{Starts:D3}.out"), append: true) { AutoFlush = true };
        var errFile = new StreamWriter(Path.Combine(LogDirectory, $"serve-{Starts:D3}.err"), append: true) { AutoFlush = true };
        started.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Write(outFile, e.Data);
            if (!ready.Task.IsCompleted && TryUrl(e.Data) is { } found)
            {
                ready.TrySetResult(found);
            }
        };
        started.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Write(errFile, e.Data);
            }
        };
        started.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"gdpr serve exited with code {SafeExitCode(started)} before listening; see {LogDirectory}."));
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        lock (gate)
        {
            process = started;
            stdout = outFile;
            stderr = errFile;
        }

        url = await ready.Task.WaitAsync(StartLimit, cancellationToken);
        StartTimes.Add(clock.Elapsed);
    }

    /// <summary>kill -9 of the host and every child it has: no shutdown code runs.</summary>
    public void Kill()
    {
        Process? victim;
        lock (gate)
        {
            victim = process;
            process = null;
        }

        url = null;
        if (victim is null)
        {
            return;
        }

        try
        {
            victim.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }

        victim.WaitForExit();
        victim.Dispose();
        CloseLogs();
    }

    /// <summary>Stops the host the way an operator does (SIGTERM, as Ctrl+C), killing it if it does not stop in time.</summary>
    public async Task StopAsync()
    {
        Process? running;
        lock (gate)
        {
            running = process;
        }

        if (running is null)
        {
            return;
        }

        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            await term!.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await running.WaitForExitAsync(limit.Token);
            running.WaitForExit(); // drains the redirected streams
        }
        catch (OperationCanceledException)
        {
            // Did not stop in time: it is killed below.
        }

        Kill();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.CompletedTask;
    }

    private static Uri? TryUrl(string line)
    {
        try
        {
            return JsonNode.Parse(line)?["url"]?.GetValue<string>() is { } text ? new Uri(text) : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or UriFormatException)
        {
            return null;
        }
    }

    private static void Write(StreamWriter writer, string line)
    {
        lock (writer)
        {
            try
            {
                writer.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // A line that arrived after the host was killed and its log closed.
            }
        }
    }

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private void CloseLogs()
    {
        StreamWriter?[] writers;
        lock (gate)
        {
            writers = [stdout, stderr];
            stdout = null;
            stderr = null;
        }

        foreach (var writer in writers.OfType<StreamWriter>())
        {
            lock (writer)
            {
                writer.Dispose();
            }
        }
    }
}
