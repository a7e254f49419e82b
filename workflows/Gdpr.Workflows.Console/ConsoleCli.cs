namespace Gdpr.Workflows.WebConsole;

/// <summary>What a <c>gdpr</c> command printed and its exit code (0 ok, 2 bad input, 3 not found, 4 conflict).</summary>
public sealed record ConsoleCommandResult(int ExitCode, string Output, string Error)
{
    public bool Ok => ExitCode == 0;
}

/// <summary>
/// Runs a <c>gdpr</c> command on the running host, exactly as the command line would (the console's actions, task
/// answers, exports and reports are the CLI's own commands, so the page and the terminal cannot disagree).
/// </summary>
public interface IConsoleCli
{
    /// <summary>Runs <paramref name="arguments"/>; with <paramref name="output"/>, stdout streams there instead of into the result.</summary>
    Task<ConsoleCommandResult> RunAsync(IReadOnlyList<string> arguments, TextWriter? output = null, CancellationToken cancellationToken = default);
}
