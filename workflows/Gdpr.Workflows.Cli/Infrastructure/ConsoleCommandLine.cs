using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// The console's way to the command line: a command runs in this process on the running host, as a command forwarded
/// to <c>gdpr serve</c> runs (<see cref="ServeRelay"/>), so a button and its terminal command share every rule.
/// </summary>
public sealed class ConsoleCommandLine(LocalHost host) : IConsoleCli
{
    public async Task<ConsoleCommandResult> RunAsync(IReadOnlyList<string> arguments, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        using var captured = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output ?? TextWriter.Synchronized(captured),
            Error = TextWriter.Synchronized(error),
            IsTerminal = false,
            Variables = name => name == GdprHome.EnvironmentVariable ? host.Home.Directory : null,
            Time = host.Services.Time,
            ReadFile = path => throw new FileNotFoundException($"The console reads no files ('{path}').", path),
            ServeHost = host,
        };
        var code = await GdprCli.RunAsync([.. arguments], environment, cancellationToken);
        return new ConsoleCommandResult(code, captured.ToString(), error.ToString());
    }
}
