using Gdpr.Workflows.WebConsole;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// The console's read commands against a deployed stack (<c>audit verify</c>, <c>export</c>, <c>report</c>): run in
/// this process with <c>--aws</c> and the stack options <c>gdpr serve --aws</c> was given, so the audit and report
/// pages read the tables exactly as those commands do. Nothing else runs: actions go through the stack's API.
/// </summary>
public sealed class AwsConsoleCommandLine(CliEnvironment serving, IReadOnlyList<string> stackOptions) : IConsoleCli
{
    private static readonly string[] ReadCommands = ["audit", "export", "report"];

    public async Task<ConsoleCommandResult> RunAsync(IReadOnlyList<string> arguments, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        if (arguments.Count == 0 || !ReadCommands.Contains(arguments[0], StringComparer.Ordinal))
        {
            return new ConsoleCommandResult(ExitCodes.BadInput, string.Empty, $"'{(arguments.Count == 0 ? string.Empty : arguments[0])}' does not run against a deployed stack from the console.");
        }

        using var captured = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment
        {
            Out = output ?? TextWriter.Synchronized(captured),
            Error = TextWriter.Synchronized(error),
            IsTerminal = false,
            Variables = serving.Variables,
            Time = serving.Time,
            AwsHttpClientFactory = serving.AwsHttpClientFactory,
            ReadFile = path => throw new FileNotFoundException($"The console reads no files ('{path}').", path),
        };
        var code = await GdprCli.RunAsync([.. arguments, "--aws", .. stackOptions], environment, cancellationToken);
        return new ConsoleCommandResult(code, captured.ToString(), error.ToString());
    }
}
