using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole.Backends;

namespace Gdpr.Workflows.WebConsole;

/// <summary>What the console is served over: the running local host or a deployed stack, the API's tokens and the command line.</summary>
public sealed class ConsoleOptions
{
    /// <summary>The running local host (with <see cref="Cli"/>, the backend when <see cref="Backend"/> is not given).</summary>
    public LocalHost? Host { get; init; }

    /// <summary>What the console reads and acts on; default: <see cref="ConsoleBackend.Local"/> over <see cref="Host"/> and <see cref="Cli"/>.</summary>
    public ConsoleBackend? Backend { get; init; }

    /// <summary>Who may ask for sign-in links (<c>POST /console/links</c> takes the officers' bearer token).</summary>
    public required ApiTokens Tokens { get; init; }

    public required IConsoleCli Cli { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long a session lasts without use.</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Mark cookies Secure even on plain HTTP (they always are on a request that came over TLS).</summary>
    public bool Https { get; init; }

    /// <summary>Rows per queue page.</summary>
    public int PageSize { get; init; } = 50;
}
