using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>A local host a command uses: its own (closed with the lease) or the running <c>gdpr serve</c>'s (left running).</summary>
public sealed class HostLease(LocalHost host, bool owned) : IAsyncDisposable
{
    public LocalHost Host { get; } = host;

    public ValueTask DisposeAsync() => owned ? Host.DisposeAsync() : ValueTask.CompletedTask;
}
