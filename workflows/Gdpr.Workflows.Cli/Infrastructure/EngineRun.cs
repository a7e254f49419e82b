using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>How long a one-shot command lets the engine run after its change before it exits.</summary>
public static class EngineRun
{
    /// <summary>Nothing ran for this long: the workflow waits for someone (an officer, an async system, a timer).</summary>
    // Long enough that a busy machine (threads starved for a few hundred ms) does not look like a waiting workflow.
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    /// <summary>The most a command waits; what is still running then goes on the next time gdpr runs the engine.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>Runs the engine until it is quiet, so the command's effect (the next steps of the workflow) is visible.</summary>
    public static Task SettleAsync(LocalHost host, CancellationToken cancellationToken) => host.SettleAsync(Quiet, Limit, cancellationToken);
}
