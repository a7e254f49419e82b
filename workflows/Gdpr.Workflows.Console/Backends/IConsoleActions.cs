namespace Gdpr.Workflows.WebConsole.Backends;

/// <summary>
/// An officer's confirmed action on a request: <see cref="Name"/> is verify, reject, extend, pause, resume, cancel,
/// retry or refuse; <see cref="Fields"/> are the form's values (method, reason, months, detail, system); <see cref="Officer"/>
/// is the signed-in officer's display name.
/// </summary>
public sealed record ConsoleAction(string Name, string RequestId, string Officer, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The actions there are.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { "verify", "reject", "extend", "pause", "resume", "cancel", "retry", "refuse" };

    public string Field(string name) => Fields.TryGetValue(name, out var value) ? value : string.Empty;
}

/// <summary>What an action did: a one-line message for the officer (its result, or why nothing was done).</summary>
public sealed record ConsoleActionResult(bool Ok, string Message);

/// <summary>Carries out officers' actions: on the local host as <c>gdpr</c> commands, on a deployed stack through its HTTP API.</summary>
public interface IConsoleActions
{
    Task<ConsoleActionResult> RunAsync(ConsoleAction action, CancellationToken cancellationToken);
}
