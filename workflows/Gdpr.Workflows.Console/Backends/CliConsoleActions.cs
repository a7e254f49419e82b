namespace Gdpr.Workflows.WebConsole.Backends;

/// <summary>
/// The local host's actions: each runs as the same <c>gdpr</c> command a terminal would (verify, extend, pause,
/// resume, cancel, retry, refuse) with the officer's name recorded, so a button and its command share every rule.
/// </summary>
public sealed class CliConsoleActions(IConsoleCli cli) : IConsoleActions
{
    public async Task<ConsoleActionResult> RunAsync(ConsoleAction action, CancellationToken cancellationToken)
    {
        var arguments = Arguments(action) ?? throw new ArgumentException($"There is no action '{action.Name}'.", nameof(action));
        arguments.Add("--officer=" + action.Officer);
        var result = await cli.RunAsync(arguments, cancellationToken: cancellationToken);
        return new ConsoleActionResult(result.Ok, result.Ok ? FirstLine(result.Output, "Done.") : FirstLine(result.Error, "The action failed."));
    }

    /// <summary>
    /// The command line of an action. Values always travel as <c>--option=value</c> (one token), so nothing typed into
    /// a form can become an option or a response file; the id was checked to start with a letter or digit.
    /// </summary>
    public static List<string>? Arguments(ConsoleAction action)
    {
        var id = action.RequestId;
        return action.Name switch
        {
            "verify" => ["verify", id, "--method=" + action.Field("method")],
            "reject" => ["verify", id, "--reject", "--reason=" + action.Field("reason")],
            "extend" => action.Field("detail") is { Length: > 0 } detail
                ? ["extend", id, "--months=" + action.Field("months"), "--reason=" + action.Field("reason"), "--detail=" + detail]
                : ["extend", id, "--months=" + action.Field("months"), "--reason=" + action.Field("reason")],
            "pause" => ["pause", id],
            "resume" => ["resume", id],
            "cancel" => ["cancel", id, "--reason=" + action.Field("reason")],
            "retry" => action.Field("system") is { Length: > 0 } system ? ["retry", id, "--system=" + system] : ["retry", id],
            "refuse" => ["refuse", id, "--reason=" + action.Field("reason"), "--detail=" + action.Field("detail")],
            _ => null,
        };
    }

    /// <summary>What the command printed first (its result, or its error without the hint lines).</summary>
    public static string FirstLine(string text, string fallback)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return string.IsNullOrEmpty(line) ? fallback : line;
    }
}
