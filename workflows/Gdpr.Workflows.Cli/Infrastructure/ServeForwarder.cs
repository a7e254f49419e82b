using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary><c>gdpr serve</c> runs this data directory's engine: the command must run there (see <see cref="ServeForwarder"/>).</summary>
public sealed class ForwardToServeException : Exception
{
    public ForwardToServeException()
        : this(new ServeInfo(string.Empty, 0))
    {
    }

    public ForwardToServeException(string message)
        : base(message)
    {
        Server = new ServeInfo(string.Empty, 0);
    }

    public ForwardToServeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Server = new ServeInfo(string.Empty, 0);
    }

    public ForwardToServeException(ServeInfo server)
        : base($"gdpr serve (pid {server.ProcessId}) runs the engine at {server.Url}.") => Server = server;

    public ServeInfo Server { get; }
}

/// <summary>
/// The client side of forwarding: while <c>gdpr serve</c> holds the engine, a command that changes requests is sent to
/// its <c>POST /cli</c> route (with the officer's token, or the system token for <c>task</c> answers, read from the data
/// directory) and runs there, on the server's engine; its output and exit code are printed here as they came.
/// </summary>
public static class ServeForwarder
{
    /// <summary>How long a forwarded command may take: the server settles the engine for up to <see cref="EngineRun.Limit"/>.</summary>
    public static readonly TimeSpan Timeout = EngineRun.Limit + TimeSpan.FromMinutes(1);

    /// <summary>The global options that say where the installation is: the server has its own, so they are not sent.</summary>
    private static readonly string[] LocalOnlyOptions = ["--home", "--template", "--registry", "--store", "--region", "--profile", "--endpoint", "--table-prefix"];

    /// <summary>The server running <paramref name="home"/>'s engine; null when none does (serve.json missing or left by a server that is gone).</summary>
    public static ServeInfo? RunningServer(GdprHome home)
    {
        if (ServeInfo.TryRead(home) is not { } info || !IsAlive(info.ProcessId))
        {
            return null;
        }

        // A live process with that id, but does it hold the engine? (The id may have been reused after a crash.)
        using var probe = EngineLock.TryAcquire(home.EngineLockFile);
        return probe is null ? info : null;
    }

    /// <summary>Runs the command on the server; returns its exit code, having printed what it printed.</summary>
    public static async Task<int> ForwardAsync(CommandContext context, ServeInfo server, CancellationToken cancellationToken)
    {
        var arguments = Forwardable(context.Arguments).ToList();
        if (!arguments.Contains("--officer", StringComparer.Ordinal) && !arguments.Any(a => a.StartsWith("--officer=", StringComparison.Ordinal)))
        {
            // The officer recorded is the one running this command, not the server's $USER.
            arguments.AddRange(["--officer", context.Officer]);
        }

        // The officers' token: whoever can read it runs this installation (see ServeRelay.Role).
        var token = ApiTokens.LoadOrCreate(context.Home, systems: []).Officer;
        context.Log(null, $"gdpr serve (pid {server.ProcessId}) runs the engine: sending the command to {server.Url}");

        var body = new JsonObject
        {
            ["args"] = new JsonArray([.. arguments.Select(a => (JsonNode?)JsonValue.Create(a))]),
            ["files"] = new JsonObject(context.FilesRead.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value)))),
            ["terminal"] = context.Environment.IsTerminal,
        };
        using var http = new HttpClient { Timeout = Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(server.Url), ServeRelay.Route)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        JsonObject answer;
        int status;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            answer = await response.Content.ReadFromJsonAsync<JsonObject>(CliJson.Options, cancellationToken) ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            throw new CliException(
                ExitCodes.Internal,
                $"gdpr serve (pid {server.ProcessId}) holds the engine of {context.Home.Directory} but did not answer at {server.Url}: {e.Message}",
                "Run the command again; if serve hangs, stop it (Ctrl+C) and the command runs on its own.");
        }

        if (status != 200)
        {
            var message = answer["error"]?["message"]?.GetValue<string>() ?? $"HTTP {status}";
            throw new CliException(ExitCodes.Internal, $"gdpr serve at {server.Url} refused the command: {message}", "Stop serve (Ctrl+C) and run the command again, or send it to the API yourself (README, 'gdpr serve --help').");
        }

        await context.Environment.Out.WriteAsync(answer["stdout"]?.GetValue<string>() ?? string.Empty);
        await context.Environment.Error.WriteAsync(answer["stderr"]?.GetValue<string>() ?? string.Empty);
        return answer["exitCode"]?.GetValue<int>() ?? ExitCodes.Internal;
    }

    /// <summary>The arguments without the options that locate the installation (--home dir, --home=dir, --home:dir).</summary>
    private static IEnumerable<string> Forwardable(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (LocalOnlyOptions.Contains(argument, StringComparer.Ordinal))
            {
                i++;
                continue;
            }

            if (LocalOnlyOptions.Any(o => argument.StartsWith(o + "=", StringComparison.Ordinal) || argument.StartsWith(o + ":", StringComparison.Ordinal)))
            {
                continue;
            }

            yield return argument;
        }
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
