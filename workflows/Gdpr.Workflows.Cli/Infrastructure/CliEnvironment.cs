namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>What the command line runs against: its streams, its environment variables and whether a person watches.</summary>
public sealed class CliEnvironment
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>True when stdout is a terminal: tables and live progress are drawn; otherwise plain text.</summary>
    public bool IsTerminal { get; init; }

    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How the AWS SDK's clients (DynamoDB) open HTTP connections; null for the SDK's own. Tests pass one that serialises calls to moto_server.</summary>
    public Amazon.Runtime.HttpClientFactory? AwsHttpClientFactory { get; init; }

    /// <summary>Reads a file the command line names (e.g. <c>submit --file</c>); a forwarded command reads the copy its client sent.</summary>
    public Func<string, string> ReadFile { get; init; } = File.ReadAllText;

    /// <summary>
    /// The running host of <c>gdpr serve</c> when this run is a command forwarded to it: commands that change requests
    /// use it instead of opening the data directory (whose engine the server holds). Null for an ordinary run.
    /// </summary>
    public Local.LocalHost? ServeHost { get; init; }

    public static CliEnvironment FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        IsTerminal = !Console.IsOutputRedirected,
    };
}
