using System.CommandLine;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// The server side of forwarding (<c>POST /cli</c> of <c>gdpr serve</c>): runs a command that changes requests, sent by
/// another <c>gdpr</c> process, on the server's running host, and answers with what it printed and its exit code.
/// Only those commands are run, never with options that point elsewhere (--home, --template, --aws, ...), and a file
/// the command reads is the copy the client sent, never one the server opens.
/// </summary>
public sealed class ServeRelay
{
    /// <summary>The API route, relative to the server's URL.</summary>
    public const string Route = "cli";

    /// <summary>The commands forwarded while serve holds the engine: each changes a request, or answers a task.</summary>
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal)
    {
        "submit", "extend", "cancel", "retry", "pause", "resume", "verify", "task succeed", "task fail", "task heartbeat",
    };

    private readonly string[] arguments;
    private readonly Dictionary<string, string> files;
    private readonly bool terminal;

    private ServeRelay(string[] arguments, Dictionary<string, string> files, bool terminal, ApiRole role)
    {
        this.arguments = arguments;
        this.files = files;
        this.terminal = terminal;
        Role = role;
    }

    /// <summary>
    /// Who may send it: the officers' token, for every command. The relay runs a command as the installation's own
    /// user (a task answer here is not limited to one system's tasks), so a system's token may not use it: systems
    /// answer through <c>POST /tasks/callback</c>, where only their own tasks are theirs.
    /// </summary>
    public ApiRole Role { get; }

    /// <summary>Reads a forwarded command: <c>{"args": [...], "files": {"path": "content"}, "terminal": bool}</c>.</summary>
    /// <exception cref="CliException">Not a command gdpr forwards, or one with an option that points elsewhere (bad input).</exception>
    public static ServeRelay Read(JsonObject body)
    {
        var arguments = body["args"] is JsonArray array && array.All(a => a is JsonValue v && v.TryGetValue(out string? _))
            ? array.Select(a => a!.GetValue<string>()).ToArray()
            : throw CliException.BadInput("'args' must be an array of strings: the gdpr command line.");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body["files"] is JsonObject given)
        {
            foreach (var (name, content) in given)
            {
                files[name] = content is JsonValue value && value.TryGetValue(out string? text) ? text : throw CliException.BadInput($"'files' / {name} must be the file's text.");
            }
        }

        var globals = new GlobalOptions();
        var parse = Parse(arguments, globals);
        var path = CommandPath(parse.CommandResult);
        if (!Commands.Contains(path))
        {
            throw CliException.BadInput($"'{path}' is not a command gdpr serve runs for other processes; those are: {string.Join(", ", Commands)}.");
        }

        var elsewhere = new Option[] { globals.Home, globals.Template, globals.Registry, globals.Store, globals.Aws, globals.Region, globals.Profile, globals.Endpoint, globals.TablePrefix }
            .FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
        if (elsewhere is not null)
        {
            throw CliException.BadInput($"A forwarded command runs on the server's installation: {elsewhere.Name} is not accepted.");
        }

        return new ServeRelay(arguments, files, body["terminal"]?.GetValueKind() == System.Text.Json.JsonValueKind.True, ApiRole.Officer);
    }

    /// <summary>Runs the command on <paramref name="host"/>: <c>{"exitCode", "stdout", "stderr"}</c>.</summary>
    public async Task<JsonObject> RunAsync(LocalHost host, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = TextWriter.Synchronized(output),
            Error = TextWriter.Synchronized(error),
            IsTerminal = terminal,
            Variables = name => name == GdprHome.EnvironmentVariable ? host.Home.Directory : null,
            Time = host.Services.Time,
            ReadFile = path => files.TryGetValue(path, out var text) ? text : throw new FileNotFoundException($"Could not find file '{path}'.", path),
            ServeHost = host,
        };
        var code = await GdprCli.RunAsync(arguments, environment, cancellationToken);
        return new JsonObject { ["exitCode"] = code, ["stdout"] = output.ToString(), ["stderr"] = error.ToString() };
    }

    private static ParseResult Parse(IReadOnlyList<string> arguments, GlobalOptions globals) =>
        GdprCli.Build(globals, new CliEnvironment { Out = TextWriter.Null, Error = TextWriter.Null }).Parse([.. arguments]);

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current.Parent is System.CommandLine.Parsing.CommandResult parent; current = parent)
        {
            names.Insert(0, current.Command.Name);
        }

        return string.Join(' ', names);
    }
}
