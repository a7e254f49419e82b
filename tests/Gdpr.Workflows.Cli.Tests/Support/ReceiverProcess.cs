using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Cli.Tests.Support;

/// <summary>
/// A system's receiver running as a child process (tests/Gdpr.Workflows.Connector.Receiver, built beside the tests):
/// what it reports on stdout (JSON lines) is collected for the test; disposing kills it if it still runs.
/// </summary>
public sealed class ReceiverProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<JsonObject> lines = new();
    private readonly ConcurrentQueue<string> errors = new();

    private ReceiverProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && JsonNode.Parse(line) is JsonObject json)
            {
                lines.Enqueue(json);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                errors.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The connector library's pull for <paramref name="system"/>, its handler taking <paramref name="handlerSeconds"/>.</summary>
    public static ReceiverProcess Connector(Uri api, string system, string token, double handlerSeconds) =>
        Start(token, "connector", api.ToString(), system, handlerSeconds.ToString(CultureInfo.InvariantCulture));

    /// <summary>A hand-written receiver: no heartbeats, its first task answered erased <paramref name="answers"/> times after <paramref name="handlerSeconds"/>.</summary>
    public static ReceiverProcess Bare(Uri api, string system, string token, double handlerSeconds, int answers) =>
        Start(token, "bare", api.ToString(), system, handlerSeconds.ToString(CultureInfo.InvariantCulture), answers.ToString(CultureInfo.InvariantCulture));

    /// <summary>What it reported so far.</summary>
    public IReadOnlyList<JsonObject> Lines => [.. lines];

    /// <summary>
    /// Waits (at most <paramref name="seconds"/>: generous, for a loaded machine) until <paramref name="count"/> lines
    /// with the event <paramref name="name"/> were reported; fails with everything it printed otherwise.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForAsync(string name, int count = 1, int seconds = 180)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var exited = false;
        while (true)
        {
            var found = Lines.Where(l => l["event"]?.GetValue<string>() == name).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (exited || DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"The receiver reported {found.Count} '{name}' of {count} (exited: {exited}).\n{Printed()}");
            }

            if (process.HasExited)
            {
                // Once more, after the last of its output was read.
                process.WaitForExit();
                exited = true;
                continue;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Everything it printed, for failure messages.</summary>
    public string Printed() => string.Join('\n', Lines.Select(l => l.ToJsonString())) + "\n--- stderr\n" + string.Join('\n', errors);

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }

        process.Dispose();
    }

    private static ReceiverProcess Start(string token, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gdpr.Workflows.Connector.Receiver.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["GDPR_RECEIVER_TOKEN"] = token;
        return new ReceiverProcess(Process.Start(info) ?? throw new InvalidOperationException("The receiver process did not start."));
    }
}
