using System.CommandLine;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>One command's run: its parsed arguments, its output and the installation it works on.</summary>
public sealed class CommandContext(ParseResult parse, CliEnvironment environment, GlobalOptions globalOptions)
{
    public ParseResult Parse { get; } = parse;

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
