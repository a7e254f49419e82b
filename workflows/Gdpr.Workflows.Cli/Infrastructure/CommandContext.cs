using System.CommandLine;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>One command's run: its parsed arguments, its output and the installation it works on.</summary>
public sealed class CommandContext(ParseResult parse, CliEnvironment environment, GlobalOptions globalOptions, IReadOnlyList<string>? arguments = null)
{
    private readonly Dictionary<string, string> filesRead = new(StringComparer.Ordinal);

    public ParseResult Parse { get; } = parse;

    /// <summary>The command line as given (what a forwarded command sends to <c>gdpr serve</c>).</summary>
    public IReadOnlyList<string> Arguments { get; } = arguments ?? [];

    /// <summary>The files this run read through <see cref="ReadFile"/>, by the path given, sent along when it is forwarded.</summary>
    public IReadOnlyDictionary<string, string> FilesRead => filesRead;

    public CliEnvironment Environment { get; } = environment;

    public bool Json => Parse.GetValue(Globals.Json);

    public bool Verbose => Parse.GetValue(Globals.Verbose);

    public bool Aws => Parse.GetValue(Globals.Aws);

    public CliOutput Output { get; } = new(environment, parse.GetValue(globalOptions.Json));

    public GlobalOptions Globals { get; } = globalOptions;

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T? Value<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>The officer recorded in the audit trail: --officer, else $USER, else "officer".</summary>
    public string Officer => Parse.GetValue(Globals.Officer) is { Length: > 0 } officer ? officer
        : Environment.Variables("USER") is { Length: > 0 } user ? user : "officer";

    public GdprHome Home => Parse.GetValue(Globals.Home) is { Length: > 0 } home ? GdprHome.At(home) : GdprHome.Resolve(Environment.Variables);

    /// <summary>A log line on stderr (with --verbose), always carrying the request id.</summary>
    public void Log(string? requestId, string message)
    {
        if (Verbose)
        {
            Environment.Error.WriteLine($"gdpr [{requestId ?? "-"}] {message}");
        }
    }

    /// <summary>Reads a file named on the command line, and remembers it for forwarding.</summary>
    public string ReadFile(string path)
    {
        var text = Environment.ReadFile(path);
        filesRead[path] = text;
        return text;
    }

    /// <summary>
    /// Opens the local installation for a command that changes requests. When this is a command forwarded to
    /// <c>gdpr serve</c>, the server's running host; when <c>gdpr serve</c> runs this data directory, throws
    /// <see cref="ForwardToServeException"/> so the command runs there instead (<see cref="CommandRunner"/> forwards it);
    /// otherwise a host of its own (<paramref name="engine"/>: with the engine, see <see cref="OpenLocalAsync"/>).
    /// </summary>
    public async Task<HostLease> OpenForChangeAsync(bool engine, CancellationToken cancellationToken)
    {
        if (Environment.ServeHost is { } serving)
        {
            return new HostLease(serving, owned: false);
        }

        if (!Aws && ServeForwarder.RunningServer(Home) is { } server)
        {
            throw new ForwardToServeException(server);
        }

        return new HostLease(await OpenLocalAsync(engine, cancellationToken), owned: true);
    }

    /// <summary>
    /// Opens the local installation. <paramref name="engine"/>: run the engine (commands that change requests);
    /// otherwise the stores only, so reading never waits for a running <c>gdpr serve</c>.
    /// </summary>
    public async Task<LocalHost> OpenLocalAsync(bool engine, CancellationToken cancellationToken, SampleInstallation? samples = null, bool resetSamples = false)
    {
        if (Aws)
        {
            throw CliException.BadInput("This command works on the local installation only; run it without --aws.");
        }

        return await LocalHost.StartAsync(LocalInstallation.Options(this, engine, samples, resetSamples), cancellationToken);
    }
}
